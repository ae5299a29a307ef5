import { describe, expect, it } from 'vitest';
import { newUser, signUpMutation, TestClient, uniqueEmail } from '../support/client.js';
import { query, rowCount } from '../support/database.js';
import { errorOf, expectCode } from '../support/records.js';
import { newServer, useServer } from '../support/server.js';

// Accounts and browser sessions: sign-up, sign-in, the session cookie, sign-out and
// the per-account limit on sign-in attempts.

const signInMutation = /* GraphQL */ `
  mutation ($input: SignInInput!) {
    signIn(input: $input) {
      user {
        id
        email
      }
      workspace {
        id
      }
    }
  }
`;

const meQuery = /* GraphQL */ `
  {
    me {
      user {
        id
        email
      }
      memberships {
        workspace {
          id
        }
        role
      }
      currentWorkspace {
        id
        name
      }
      role
      authenticatedBy
    }
  }
`;

const password = 'correct horse battery';

function signIn(client: TestClient, email: string, secret: string) {
  return client.request(signInMutation, { input: { email, password: secret } });
}

function sessionCookies(headers: Headers): string[] {
  return headers.getSetCookie().filter((cookie) => cookie.startsWith('crm_session='));
}

describe('authentication', () => {
  const server = useServer();
  // On Redis, as several processes run: the limits are counted there (and by the test below on two).
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const limited = useServer({ AUTH_RATE_LIMIT: '3', REDIS_URL: redisUrl });

  it('signs up with a workspace the new user owns and an HttpOnly, SameSite=Lax session cookie', async () => {
    const client = new TestClient(server);
    const email = uniqueEmail('signup');
    const answer = await client.request(signUpMutation, {
      input: { email, password, name: 'Ada', workspaceName: 'Analytical Engines' },
    });

    expect(answer.body).toEqual({
      data: {
        signUp: {
          user: { id: expect.any(String), email, name: 'Ada' },
          workspace: { id: expect.any(String), name: 'Analytical Engines' },
        },
      },
    });
    const [cookie, ...others] = sessionCookies(answer.headers);
    expect(others).toEqual([]);
    expect(cookie).toMatch(/^crm_session=[^;]+;/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);

    const { signUp } = answer.body.data as { signUp: { workspace: { id: string } } };
    const { me } = await client.data(meQuery);
    expect(me).toMatchObject({
      memberships: [{ workspace: { id: signUp.workspace.id }, role: 'OWNER' }],
      currentWorkspace: { id: signUp.workspace.id, name: 'Analytical Engines' },
      role: 'OWNER',
      authenticatedBy: 'session',
    });
  });

  it('names the first workspace after the user when no name is given, even for a 100-character name', async () => {
    const expected = {
      Grace: 'Grace’s workspace',
      ['G'.repeat(100)]: `${'G'.repeat(88)}’s workspace`,
    };
    for (const [name, workspaceName] of Object.entries(expected)) {
      const answer = await new TestClient(server).request(signUpMutation, {
        input: { email: uniqueEmail('default'), password, name },
      });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toMatchObject({
        signUp: { user: { name }, workspace: { name: workspaceName } },
      });
    }
  });

  it('stores the password as a salted scrypt hash, never in plain text', async () => {
    const first = await newUser(server);
    const second = await newUser(server);
    const rows = await query<{ email: string; password_hash: string }>(
      server.databaseUrl,
      'select email, password_hash from app_user where email = any($1) order by email',
      [[first.email, second.email]],
    );

    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain(first.password);
    }
    // Same password, different salt.
    expect(first.password).toBe(second.password);
    expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
  });

  it('signs in with the right password and sets a new session cookie', async () => {
    const user = await newUser(server);
    const client = new TestClient(server);

    const answer = await signIn(client, user.email, user.password);

    expect(answer.body).toEqual({
      data: { signIn: { user: { id: user.userId, email: user.email }, workspace: { id: user.workspaceId } } },
    });
    expect(sessionCookies(answer.headers)).toHaveLength(1);
    expect(client.cookie).toBeDefined();
    expect(client.cookie).not.toBe(user.client.cookie);
    const { me } = await client.data(meQuery);
    expect(me.user).toEqual({ id: user.userId, email: user.email });
  });

  it('refuses a wrong password or an unknown e-mail with UNAUTHENTICATED and sets no cookie', async () => {
    const user = await newUser(server);
    const client = new TestClient(server);

    const wrongPassword = await signIn(client, user.email, 'not the password at all');
    const unknownEmail = await signIn(client, uniqueEmail('nobody'), user.password);

    for (const answer of [wrongPassword, unknownEmail]) {
      expectCode(answer, 'UNAUTHENTICATED');
      expect(answer.body.data).toBeNull();
      expect(sessionCookies(answer.headers)).toEqual([]);
    }
    // The same answer either way, so it does not reveal which accounts exist.
    expect(errorOf(wrongPassword).message).toBe(errorOf(unknownEmail).message);
    expect(client.cookie).toBeUndefined();
    expect((await client.data(meQuery)).me).toBeNull();
  });

  it('treats the e-mail case-insensitively', async () => {
    const local = uniqueEmail('MiXeD').split('@')[0]!;
    const client = new TestClient(server);
    const signedUp = await client.request(signUpMutation, {
      input: { email: `${local}@Example.COM`, password, name: 'Mixed' },
    });
    const lower = `${local.toLowerCase()}@example.com`;
    expect(signedUp.body.data).toMatchObject({ signUp: { user: { email: lower } } });

    const signedIn = await signIn(new TestClient(server), `${local.toUpperCase()}@EXAMPLE.com`, password);
    expect(signedIn.body.data).toMatchObject({ signIn: { user: { email: lower } } });

    const again = await new TestClient(server).request(signUpMutation, {
      input: { email: lower, password, name: 'Twin' },
    });
    expect(again.body.errors).toBeUndefined();
    expect(await rowCount(server.databaseUrl, 'app_user', 'email = $1', [lower])).toBe(1);
  });

  it('answers me with the caller for a session cookie and null without one', async () => {
    const user = await newUser(server);

    const { me } = await user.client.data(meQuery);
    expect(me).toMatchObject({
      user: { id: user.userId, email: user.email },
      currentWorkspace: { id: user.workspaceId },
      authenticatedBy: 'session',
    });
    expect(await new TestClient(server).request(meQuery)).toMatchObject({
      status: 200,
      body: { data: { me: null } },
    });
    const stale = new TestClient(server);
    stale.cookie = 'crm_session=crm_s_not-a-real-session';
    expect((await stale.request(meQuery)).body).toEqual({ data: { me: null } });
  });

  it('treats an expired session as signed out', async () => {
    const user = await newUser(server);
    await query(
      server.databaseUrl,
      `update session set expires_at = now() - interval '1 second' where user_id = $1`,
      [user.userId],
    );

    expect((await user.client.request(meQuery)).body).toEqual({ data: { me: null } });
    expectCode(await user.client.request(`{ members { role } }`), 'UNAUTHENTICATED');
  });

  it('signs out: clears the cookie, and the old cookie no longer authenticates', async () => {
    const user = await newUser(server);
    const elsewhere = new TestClient(server);
    await signIn(elsewhere, user.email, user.password);
    const oldCookie = user.client.cookie!;

    const answer = await user.client.request(`mutation { signOut }`);

    expect(answer.body).toEqual({ data: { signOut: true } });
    const [cleared] = sessionCookies(answer.headers);
    expect(cleared).toMatch(/^crm_session=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(user.client.cookie).toBeUndefined();

    const replay = new TestClient(server);
    replay.cookie = oldCookie;
    expect((await replay.request(meQuery)).body).toEqual({ data: { me: null } });
    expect((await replay.request(`{ workspace { id } }`)).body.errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    // Only that session ended: another browser stays signed in.
    expect((await elsewhere.data(meQuery)).me.user.id).toBe(user.userId);
  });

  it('answers a sign-up with a taken e-mail like a success, but creates nothing and signs nobody in', async () => {
    const user = await newUser(server);
    const counts = () =>
      Promise.all(
        ['app_user', 'workspace', 'membership', 'session'].map((t) => rowCount(server.databaseUrl, t)),
      );
    const before = await counts();
    const input = { password: 'another long password', name: 'Impostor', workspaceName: 'Taken' };

    const taken = await new TestClient(server).request(signUpMutation, {
      input: { ...input, email: user.email.toUpperCase() },
    });
    const takenCounts = await counts();
    const freshEmail = uniqueEmail('fresh');
    const fresh = await new TestClient(server).request(signUpMutation, {
      input: { ...input, email: freshEmail },
    });

    // The same status, shape and cookie as a real sign-up: nothing tells the two apart.
    expect(taken.status).toBe(fresh.status);
    const shape = {
      signUp: {
        user: { id: expect.any(String), name: 'Impostor' },
        workspace: { id: expect.any(String), name: 'Taken' },
      },
    };
    expect(taken.body).toEqual({
      data: { signUp: { ...shape.signUp, user: { ...shape.signUp.user, email: user.email } } },
    });
    expect(fresh.body).toEqual({
      data: { signUp: { ...shape.signUp, user: { ...shape.signUp.user, email: freshEmail } } },
    });
    const [takenCookie] = sessionCookies(taken.headers);
    const [freshCookie] = sessionCookies(fresh.headers);
    expect(takenCookie!.replace(/^crm_session=[^;]+/, '')).toBe(
      freshCookie!.replace(/^crm_session=[^;]+/, ''),
    );
    // But nothing was written, and its cookie signs nobody in.
    expect(takenCounts).toEqual(before);
    const decoy = new TestClient(server);
    decoy.cookie = takenCookie!.split(';')[0];
    expect((await decoy.data(meQuery)).me).toBeNull();
    const { signUp } = taken.body.data as { signUp: { user: { id: string }; workspace: { id: string } } };
    expect(await rowCount(server.databaseUrl, 'app_user', 'id = $1', [signUp.user.id])).toBe(0);
    expect(await rowCount(server.databaseUrl, 'workspace', 'id = $1', [signUp.workspace.id])).toBe(0);
    // The account is untouched: its own password still works, the new one does not.
    expect((await signIn(new TestClient(server), user.email, user.password)).body.errors).toBeUndefined();
    expectCode(await signIn(new TestClient(server), user.email, input.password), 'UNAUTHENTICATED');
  }, 120_000);

  describe('with AUTH_RATE_LIMIT=3', () => {
    /** A new account whose sign-up attempt is already forgotten by a successful sign-in. */
    async function freshAccount() {
      const user = await newUser(limited);
      expect((await signIn(new TestClient(limited), user.email, user.password)).body.errors).toBeUndefined();
      return user;
    }

    it('refuses the 4th sign-in attempt within a minute with RATE_LIMITED, even with the right password', async () => {
      const user = await freshAccount();
      const client = new TestClient(limited);
      for (let attempt = 1; attempt <= 3; attempt++) {
        expectCode(await signIn(client, user.email, 'wrong password here'), 'UNAUTHENTICATED');
      }

      const fourth = await signIn(client, user.email, user.password);

      expectCode(fourth, 'RATE_LIMITED');
      expect(errorOf(fourth).extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(sessionCookies(fourth.headers)).toEqual([]);
      // The limit is per account: another account from the same address still signs in.
      const other = await freshAccount();
      expect(
        (await signIn(new TestClient(limited), other.email, other.password)).body.errors,
      ).toBeUndefined();
    }, 120_000);

    it('forgets failed attempts after a successful sign-in', async () => {
      const user = await freshAccount();
      const client = new TestClient(limited);
      expectCode(await signIn(client, user.email, 'wrong password here'), 'UNAUTHENTICATED');
      expectCode(await signIn(client, user.email, 'wrong password here'), 'UNAUTHENTICATED');
      expect((await signIn(client, user.email, user.password)).body.errors).toBeUndefined();

      for (let attempt = 1; attempt <= 3; attempt++) {
        expectCode(await signIn(client, user.email, 'wrong password here'), 'UNAUTHENTICATED');
      }
      expectCode(await signIn(client, user.email, 'wrong password here'), 'RATE_LIMITED');
    }, 120_000);

    it('counts attempts across processes: a client spread over two meets one limit', async () => {
      const other = await newServer({
        AUTH_RATE_LIMIT: '3',
        REDIS_URL: redisUrl,
        DATABASE_URL: limited.databaseUrl,
      });
      try {
        const user = await freshAccount();
        const here = new TestClient(limited);
        const there = new TestClient(other);
        expectCode(await signIn(here, user.email, 'wrong password here'), 'UNAUTHENTICATED');
        expectCode(await signIn(there, user.email, 'wrong password here'), 'UNAUTHENTICATED');
        expectCode(await signIn(here, user.email, 'wrong password here'), 'UNAUTHENTICATED');
        // The fourth goes to the process that has seen one attempt itself.
        expectCode(await signIn(there, user.email, user.password), 'RATE_LIMITED');
      } finally {
        await other.close();
      }
    }, 120_000);
  });
});
