import { generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient, newMember, newUser, type SignedUpUser } from '../support/client.js';
import { connect, disconnectAll, refused as collabRefusal, synced } from '../support/collab.js';
import { query } from '../support/database.js';
import { expectCode } from '../support/records.js';
import { useServer, type TestServer } from '../support/server.js';
import { newSocketClient } from '../support/ws.js';

// Two-factor sign-in (TOTP with recovery codes), its demand per workspace, and the session
// list with sign-out of one session or all others: through GraphQL over HTTP, graphql-ws and
// /collab, with codes computed by the same library the server uses.

const key = 'a1'.repeat(32);

const signInMutation = /* GraphQL */ `
  mutation ($input: SignInInput!) {
    signIn(input: $input) {
      user {
        id
      }
      workspace {
        id
      }
      twoFactorToken
    }
  }
`;
const withCodeMutation = /* GraphQL */ `
  mutation ($token: String!, $code: String!) {
    signInWithCode(token: $token, code: $code) {
      user {
        id
      }
      workspace {
        id
      }
      twoFactorToken
    }
  }
`;
const meQuery = `{ me { user { id } twoFactorEnabled twoFactorRequired } }`;

/** A graphql-ws client of `cookie`'s session, resolved once the server acknowledged it. */
async function acknowledgedSocket(server: TestServer, cookie: string | undefined, workspaceId: string) {
  const socket = newSocketClient(server, { cookie, workspaceId });
  await new Promise<void>((resolve) => socket.client.on('connected', () => resolve()));
  return socket;
}

/** A code for the step `offsetSteps` away from now (each step is used once, so tests move on). */
function codeFor(secret: string, offsetSteps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

/** Switches two-factor on for `user` with the previous step's code; answers the secret and recovery codes. */
async function enableTwoFactor(user: SignedUpUser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { startTwoFactorSetup } = await user.client.data<{ startTwoFactorSetup: { secret: string } }>(
    `mutation { startTwoFactorSetup { secret otpauthUri } }`,
  );
  const { confirmTwoFactor } = await user.client.data<{ confirmTwoFactor: string[] }>(
    `mutation ($code: String!) { confirmTwoFactor(code: $code) }`,
    { code: await codeFor(startTwoFactorSetup.secret, -1) },
  );
  return { secret: startTwoFactorSetup.secret, recoveryCodes: confirmTwoFactor };
}

/** The actions of the audit log entries of `action` (a code or a prefix ending with a dot). */
async function audited(user: SignedUpUser, action: string): Promise<{ action: string; details: unknown }[]> {
  const { auditLog } = await user.client.data<{
    auditLog: { nodes: { action: string; details: unknown }[] };
  }>(
    `query ($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) { nodes { action details } } }`,
    {
      filter: { action },
    },
  );
  return auditLog.nodes;
}

async function passwordStep(user: SignedUpUser, client = new TestClient(user.client.server)) {
  const answer = await client.request<{ signIn: { twoFactorToken: string | null } }>(signInMutation, {
    input: { email: user.email, password: user.password },
  });
  return { client, answer, token: answer.body.data?.signIn.twoFactorToken ?? null };
}

const server = useServer({ TWO_FACTOR_SECRET_KEY: key, AUTH_RATE_LIMIT: '60' });
afterEach(() => disconnectAll());

describe('two-factor sign-in', () => {
  it('issues a secret and an otpauth URI, switches on only after a code, and stores the secret sealed', async () => {
    const user = await newUser(server);
    const { startTwoFactorSetup } = await user.client.data<{
      startTwoFactorSetup: { secret: string; otpauthUri: string };
    }>(`mutation { startTwoFactorSetup { secret otpauthUri } }`);
    const { secret, otpauthUri } = startTwoFactorSetup;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(decodeURIComponent(otpauthUri)).toContain(user.email);
    expect((await user.client.data(meQuery)).me.twoFactorEnabled).toBe(false);

    const wrong = await user.client.request(`mutation { confirmTwoFactor(code: "000000") }`);
    expectCode(wrong, 'BAD_USER_INPUT');
    expect(wrong.body.errors![0]!.extensions!.field).toBe('code');

    const { confirmTwoFactor } = await user.client.data<{ confirmTwoFactor: string[] }>(
      `mutation ($code: String!) { confirmTwoFactor(code: $code) }`,
      { code: await codeFor(secret) },
    );
    expect(confirmTwoFactor).toHaveLength(10);
    expect(new Set(confirmTwoFactor).size).toBe(10);
    for (const code of confirmTwoFactor) expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect((await user.client.data(meQuery)).me.twoFactorEnabled).toBe(true);
    expect((await user.client.data(`{ recoveryCodesLeft }`)).recoveryCodesLeft).toBe(10);

    const [row] = await query<{ totp_secret: string }>(
      server.databaseUrl,
      'select totp_secret from app_user where id = $1',
      [user.userId],
    );
    expect(row!.totp_secret.startsWith('gcm.')).toBe(true);
    expect(row!.totp_secret).not.toContain(secret);
    const hashes = await query<{ code_hash: string }>(
      server.databaseUrl,
      'select code_hash from recovery_code where user_id = $1',
      [user.userId],
    );
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) expect(confirmTwoFactor.join()).not.toContain(code_hash);
  });

  it('signs in with the password, then a code; no session exists in between, and a code is good once', async () => {
    const user = await newUser(server);
    const { secret } = await enableTwoFactor(user);

    const signInsBefore = (await audited(user, 'auth.sign_in')).length;
    const { client, answer, token } = await passwordStep(user);
    expect(token).toMatch(/^crm_p_/);
    // A right password that still needs a code is no sign-in in the audit log.
    expect(await audited(user, 'auth.sign_in')).toHaveLength(signInsBefore);
    expect(answer.body.data!.signIn.twoFactorToken).toBe(token);
    expect(answer.headers.getSetCookie().filter((c) => c.startsWith('crm_session='))).toEqual([]);
    expect((await client.data(meQuery)).me).toBeNull();
    // The pending token is no session, nor an API token.
    const asBearer = await new TestClient(server).request(meQuery, {}, { authorization: `Bearer ${token}` });
    expect(asBearer.body.data?.me ?? null).toBeNull();

    const code = await codeFor(secret);
    const signedIn = await client.data(withCodeMutation, { token, code });
    expect(signedIn.signInWithCode).toEqual({
      user: { id: user.userId },
      workspace: { id: user.workspaceId },
      twoFactorToken: null,
    });
    expect((await client.data(meQuery)).me.user.id).toBe(user.userId);
    expect(await audited(user, 'auth.sign_in')).toHaveLength(signInsBefore + 1);

    // The token is spent, and the same code cannot be replayed on a new password step.
    expectCode(
      await client.request(withCodeMutation, { token, code: await codeFor(secret, 1) }),
      'BAD_USER_INPUT',
    );
    const again = await passwordStep(user);
    const replay = await again.client.request(withCodeMutation, { token: again.token, code });
    expectCode(replay, 'BAD_USER_INPUT');
    expect(replay.body.errors![0]!.extensions!.field).toBe('code');
    expect(again.client.cookie).toBeUndefined();
  });

  it('accepts each recovery code once', async () => {
    const user = await newUser(server);
    const { recoveryCodes } = await enableTwoFactor(user);
    const recovery = recoveryCodes[3]!;

    const first = await passwordStep(user);
    // Typed in lower case and without dashes, as people do.
    const lowered = recovery.replace(/-/g, '').toLowerCase();
    await first.client.data(withCodeMutation, { token: first.token, code: lowered });
    expect((await first.client.data(meQuery)).me.user.id).toBe(user.userId);
    expect((await first.client.data(`{ recoveryCodesLeft }`)).recoveryCodesLeft).toBe(9);

    const second = await passwordStep(user);
    expectCode(
      await second.client.request(withCodeMutation, { token: second.token, code: recovery }),
      'BAD_USER_INPUT',
    );
    expect(second.client.cookie).toBeUndefined();
    await second.client.data(withCodeMutation, { token: second.token, code: recoveryCodes[4]! });
    expect(second.client.cookie).toBeDefined();
  });

  it('refuses wrong codes and, after five, refuses even the right one with RATE_LIMITED', async () => {
    const user = await newUser(server);
    const { secret } = await enableTwoFactor(user);
    const { client, token } = await passwordStep(user);

    for (const code of ['000000', '123456', 'AAAA-BBBB-CCCC-DDDD', '999999', '111111']) {
      const answer = await client.request(withCodeMutation, { token, code });
      expectCode(answer, 'BAD_USER_INPUT');
    }
    const limited = await client.request(withCodeMutation, { token, code: await codeFor(secret) });
    expectCode(limited, 'RATE_LIMITED');
    expect(limited.body.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(client.cookie).toBeUndefined();
    // A wrong password never reaches the code step.
    const wrongPassword = await new TestClient(server).request(signInMutation, {
      input: { email: user.email, password: 'not the password at all' },
    });
    expectCode(wrongPassword, 'UNAUTHENTICATED');
    // Each refused code is a failed sign-in in the audit log, with its reason.
    const reasons = (await audited(user, 'auth.sign_in_failed')).map(
      (entry) => (entry.details as { reason: string }).reason,
    );
    expect(reasons.filter((reason) => reason === 'BAD_USER_INPUT')).toHaveLength(5);
    expect(reasons).toContain('RATE_LIMITED');
    expect(reasons).toContain('UNAUTHENTICATED');
  });

  it('turns off only with a current code or the password', async () => {
    const user = await newUser(server);
    const { secret } = await enableTwoFactor(user);

    expectCode(await user.client.request(`mutation { disableTwoFactor }`), 'BAD_USER_INPUT');
    expectCode(
      await user.client.request(`mutation { disableTwoFactor(password: "a wrong password here") }`),
      'BAD_USER_INPUT',
    );
    expectCode(await user.client.request(`mutation { disableTwoFactor(code: "000000") }`), 'BAD_USER_INPUT');
    expect((await user.client.data(meQuery)).me.twoFactorEnabled).toBe(true);

    await user.client.data(`mutation ($code: String!) { disableTwoFactor(code: $code) }`, {
      code: await codeFor(secret),
    });
    expect((await user.client.data(meQuery)).me.twoFactorEnabled).toBe(false);
    const { client, token } = await passwordStep(user);
    expect(token).toBeNull();
    expect(client.cookie).toBeDefined();

    await enableTwoFactor(user);
    await user.client.data(`mutation ($password: String!) { disableTwoFactor(password: $password) }`, {
      password: user.password,
    });
    expect((await user.client.data(meQuery)).me.twoFactorEnabled).toBe(false);
  });

  it('refuses API tokens the security actions', async () => {
    const user = await newUser(server);
    const { createApiToken } = await user.client.data(
      `mutation { createApiToken(input: { name: "script" }) { token } }`,
    );
    const viaToken = new TestClient(server);
    viaToken.token = createApiToken.token;
    expectCode(await viaToken.request(`mutation { startTwoFactorSetup { secret } }`), 'FORBIDDEN');
    expectCode(await viaToken.request(`{ mySessions { id } }`), 'FORBIDDEN');
  });
});

describe('two-factor required by a workspace', () => {
  it('refuses a member without it the workspace data with TWO_FACTOR_REQUIRED until they set it up', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const { createApiToken } = await member.client.data(
      `mutation { createApiToken(input: { name: "script", role: MEMBER }) { token } }`,
    );
    const { createNote } = await owner.client.data(`mutation { createNote(input: { name: "n" }) { id } }`);

    // An admin without two-factor cannot demand it.
    const early = await owner.client.request(`mutation { setRequireTwoFactor(required: true) { id } }`);
    expectCode(early, 'BAD_USER_INPUT');
    await enableTwoFactor(owner);
    const { setRequireTwoFactor } = await owner.client.data(
      `mutation { setRequireTwoFactor(required: true) { id requireTwoFactor } }`,
    );
    expect(setRequireTwoFactor.requireTwoFactor).toBe(true);
    // A member without two-factor is refused even this, before their role is looked at.
    expectCode(
      await member.client.request(`mutation { setRequireTwoFactor(required: false) { id } }`),
      'TWO_FACTOR_REQUIRED',
    );

    const refused = await member.client.request(`{ companies(first: 5) { totalCount } }`);
    expectCode(refused, 'TWO_FACTOR_REQUIRED');
    expectCode(await member.client.request(`{ members { user { id } } }`), 'TWO_FACTOR_REQUIRED');
    expect((await member.client.data(meQuery)).me).toMatchObject({
      twoFactorEnabled: false,
      twoFactorRequired: true,
    });
    // The owner, who has it, reads as before.
    expect(
      (await owner.client.data(`{ companies(first: 5) { totalCount } }`)).companies.totalCount,
    ).toBeGreaterThanOrEqual(0);

    const socket = newSocketClient(server, { cookie: member.client.cookie, workspaceId: member.workspaceId });
    const closed = await socket.closed;
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/two-factor/);
    const document = `${member.workspaceId}/note/${createNote.id}/body`;
    expect(await collabRefusal(connect(server.url, document, { cookie: member.client.cookie }))).toMatch(
      /two-factor/,
    );
    // The member's API token is held to the same rule.
    const viaToken = new TestClient(server);
    viaToken.token = createApiToken.token;
    expectCode(await viaToken.request(`{ companies(first: 5) { totalCount } }`), 'TWO_FACTOR_REQUIRED');

    await enableTwoFactor(member);
    expect((await member.client.data(meQuery)).me.twoFactorRequired).toBe(false);
    expectCode(
      await member.client.request(`mutation { setRequireTwoFactor(required: false) { id } }`),
      'FORBIDDEN',
    );
    expect(
      (await member.client.data(`{ companies(first: 5) { totalCount } }`)).companies.totalCount,
    ).toBeGreaterThanOrEqual(0);

    // Once the workspace stops asking, a member without two-factor reads again.
    await owner.client.data(`mutation { setRequireTwoFactor(required: false) { id } }`);
    await member.client.data(`mutation ($code: String!) { disableTwoFactor(password: $code) }`, {
      code: member.password,
    });
    expect(
      (await member.client.data(`{ companies(first: 5) { totalCount } }`)).companies.totalCount,
    ).toBeGreaterThanOrEqual(0);
  });
});

describe('sessions', () => {
  async function signInAs(user: SignedUpUser, userAgent: string): Promise<TestClient> {
    const client = new TestClient(user.client.server);
    const answer = await client.request(
      signInMutation,
      { input: { email: user.email, password: user.password } },
      { 'user-agent': userAgent },
    );
    expect(answer.body.errors).toBeUndefined();
    client.workspaceId = user.workspaceId;
    return client;
  }

  it('lists sessions with device, address, creation and last use, and marks the current one', async () => {
    const user = await newUser(server);
    const phone = await signInAs(
      user,
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    );
    await phone.data(`{ me { user { id } } }`);

    const { mySessions } = await user.client.data(
      `{ mySessions { id device userAgent clientAddress createdAt lastUsedAt current } }`,
    );
    expect(mySessions).toHaveLength(2);
    const current = mySessions.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    const iphone = mySessions.find((s: { device: string }) => s.device === 'Safari on iOS');
    expect(iphone).toMatchObject({
      clientAddress: expect.stringMatching(/127\.0\.0\.1|::1/),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      current: false,
    });
    // Another user sees none of them.
    const stranger = await newUser(server);
    const theirs = await stranger.client.data(`{ mySessions { id } }`);
    expect(theirs.mySessions.map((s: { id: string }) => s.id)).not.toContain(iphone.id);
    expectCode(
      await stranger.client.request(`mutation ($id: ID!) { signOutSession(id: $id) }`, { id: iphone.id }),
      'NOT_FOUND',
    );
  });

  it('signs one session out: its next request is anonymous and its graphql-ws and /collab sockets close', async () => {
    const user = await newUser(server);
    const laptop = await signInAs(
      user,
      'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    );
    expect((await laptop.data(`{ me { user { id } } }`)).me.user.id).toBe(user.userId);
    const socket = await acknowledgedSocket(server, laptop.cookie, user.workspaceId);
    const { createNote } = await user.client.data(`mutation { createNote(input: { name: "n" }) { id } }`);
    const collab = connect(server.url, `${user.workspaceId}/note/${createNote.id}/body`, {
      cookie: laptop.cookie,
    });
    await synced(collab);
    const collabShut = new Promise<string>((resolve) =>
      collab.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason)),
    );

    const { mySessions } = await laptop.data(`{ mySessions { id current } }`);
    const laptopId = mySessions.find((s: { current: boolean }) => s.current).id;
    await user.client.data(`mutation ($id: ID!) { signOutSession(id: $id) }`, { id: laptopId });

    expect((await socket.closed).code).toBe(4401);
    expect(await collabShut).toMatch(/Unauthenticated/);
    expect((await laptop.data(`{ me { user { id } } }`)).me).toBeNull();
    expect((await user.client.data(`{ me { user { id } } }`)).me.user.id).toBe(user.userId);
  });

  it('signs out everywhere else, keeping this session', async () => {
    const user = await newUser(server);
    const others = [
      await signInAs(user, 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36'),
      await signInAs(user, 'curl/8.5.0'),
    ];
    const sockets = await Promise.all(
      others.map((other) => acknowledgedSocket(server, other.cookie, user.workspaceId)),
    );

    const { signOutOtherSessions } = await user.client.data(`mutation { signOutOtherSessions }`);
    expect(signOutOtherSessions).toBeGreaterThanOrEqual(2);
    for (const socket of sockets) expect((await socket.closed).code).toBe(4401);
    for (const other of others) expect((await other.data(`{ me { user { id } } }`)).me).toBeNull();
    const { mySessions } = await user.client.data(`{ mySessions { id current } }`);
    expect(mySessions).toEqual([{ id: expect.any(String), current: true }]);
  });
});
