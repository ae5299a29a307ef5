import { describe, expect, it } from 'vitest';
import { newUser, signUpMutation, TestClient, uniqueEmail } from '../support/client.js';
import { rowCount } from '../support/database.js';
import { errorOf, expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';

/** These tests make dozens of scrypt sign-ins in a row; a busy 2-core machine needs the time. */
const slow = 180_000;

// Limits on the account doors that hold behind a proxy (issue 11, finding 9), the
// password policy (finding 9) and the workspaces one user or address may create (finding 7).

const signInMutation = /* GraphQL */ `
  mutation ($input: SignInInput!) {
    signIn(input: $input) {
      user {
        id
      }
    }
  }
`;

const createWorkspace = `mutation ($name: String!) { createWorkspace(input: { name: $name }) { id } }`;

let counter = 0;
/** A new client address, as the trusted proxy reports it. */
function nextAddress(): string {
  counter += 1;
  return `203.0.113.${counter % 250}, 10.0.${Math.floor(counter / 250)}.1`;
}

function from(client: TestClient, address: string) {
  return {
    signIn: (email: string, password: string) =>
      client.request(signInMutation, { input: { email, password } }, { 'x-forwarded-for': address }),
    signUp: (input: Record<string, unknown>) =>
      client.request(signUpMutation, { input }, { 'x-forwarded-for': address }),
  };
}

describe('sign-in limits behind a trusted proxy (TRUST_PROXY=true)', () => {
  /** AUTH_RATE_LIMIT=3, and =1 where ten times the limit is spent (each attempt costs an scrypt). */
  const server = useServer({ TRUST_PROXY: 'true', AUTH_RATE_LIMIT: '3' });
  const strict = useServer({ TRUST_PROXY: 'true', AUTH_RATE_LIMIT: '1' });

  /** A new account whose sign-up attempt is already forgotten by a successful sign-in. */
  async function freshAccount() {
    const user = await newUser(server);
    const signedIn = await from(new TestClient(server), nextAddress()).signIn(user.email, user.password);
    expect(signedIn.body.errors).toBeUndefined();
    return user;
  }

  it(
    'limits guesses at one account however many addresses they come from',
    async () => {
      const user = await freshAccount();
      for (let attempt = 1; attempt <= 3; attempt++) {
        const answer = await from(new TestClient(server), nextAddress()).signIn(
          user.email,
          'not the password at all',
        );
        expectCode(answer, 'UNAUTHENTICATED');
      }

      const fourth = await from(new TestClient(server), nextAddress()).signIn(user.email, user.password);

      expectCode(fourth, 'RATE_LIMITED');
      expect(errorOf(fourth).extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(fourth.headers.getSetCookie()).toEqual([]);
      // Other accounts are not affected.
      const other = await newUser(server);
      const otherAnswer = await from(new TestClient(server), nextAddress()).signIn(
        other.email,
        other.password,
      );
      expect(otherAnswer.body.errors).toBeUndefined();
    },
    slow,
  );

  it(
    'limits one address across e-mails at ten times the per-account limit (AUTH_RATE_LIMIT=1)',
    async () => {
      const address = nextAddress();
      const client = from(new TestClient(strict), address);
      // All at once, so that they fall in one minute however slow each sign-in is here.
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => client.signIn(uniqueEmail('spray'), 'not the password at all')),
      );

      const codes = answers.map((answer) => errorOf(answer).code);
      expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(10);
      const limited = answers.filter((answer) => errorOf(answer).code === 'RATE_LIMITED');
      expect(limited).toHaveLength(2);
      expect(errorOf(limited[0]!).extensions.retryAfterSeconds).toBeGreaterThan(0);
      // Sign-up through the same address is the same door.
      expectCode(
        await client.signUp({
          email: uniqueEmail('spray'),
          password: 'a long enough password',
          name: 'Spray',
        }),
        'RATE_LIMITED',
      );
    },
    slow,
  );
});

describe('the password policy', () => {
  const server = useServer();

  it(
    'refuses short, repeated, blank and common passwords with BAD_USER_INPUT at input.password',
    async () => {
      const email = uniqueEmail('weak');
      for (const password of ['aaaaaaaaaa', ' '.repeat(10), 'password1234', 'qwertyuiop123', email]) {
        const answer = await new TestClient(server).request(signUpMutation, {
          input: { email, password, name: 'Weak' },
        });
        expectBadInput(answer, ['input', 'password']);
        expect(errorOf(answer).message).toMatch(/^password is too easy to guess\. \S+/);
        expect(answer.headers.getSetCookie()).toEqual([]);
      }
      const short = await new TestClient(server).request(signUpMutation, {
        input: { email, password: 'X7#qv', name: 'Weak' },
      });
      expectBadInput(short, ['input', 'password']);
      expect(await rowCount(server.databaseUrl, 'app_user', 'email = $1', [email])).toBe(0);
      // A passphrase passes.
      const strong = await new TestClient(server).request(signUpMutation, {
        input: { email, password: 'violet kayak under the bridge', name: 'Strong' },
      });
      expect(strong.body.errors).toBeUndefined();
    },
    slow,
  );
});

describe('workspace creation limits (WORKSPACE_CREATE_LIMIT=2)', () => {
  const server = useServer({ TRUST_PROXY: 'true', WORKSPACE_CREATE_LIMIT: '2' });

  it(
    'refuses a user’s third workspace within the hour with RATE_LIMITED and retryAfterSeconds',
    async () => {
      const user = await newUser(server);
      const workspaces = () => rowCount(server.databaseUrl, 'membership', 'user_id = $1', [user.userId]);
      await user.client.data(createWorkspace, { name: 'Second' });
      await user.client.data(createWorkspace, { name: 'Third' });

      const refused = await user.client.request(createWorkspace, { name: 'One too many' });

      expectCode(refused, 'RATE_LIMITED');
      const retryAfter = errorOf(refused).extensions.retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThan(60);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(await workspaces()).toBe(3);
      // The limit is the user's: another user still creates one.
      const other = await newUser(server);
      await other.client.data(createWorkspace, { name: 'Theirs' });
    },
    slow,
  );

  it(
    'limits sign-ups that create a workspace per address',
    async () => {
      const address = nextAddress();
      const signUp = (email: string) =>
        from(new TestClient(server), address).signUp({
          email,
          password: 'a long enough password',
          name: 'Flood',
        });
      expect((await signUp(uniqueEmail('flood'))).body.errors).toBeUndefined();
      expect((await signUp(uniqueEmail('flood'))).body.errors).toBeUndefined();
      const third = uniqueEmail('flood');

      const refused = await signUp(third);

      expectCode(refused, 'RATE_LIMITED');
      expect(errorOf(refused).extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(await rowCount(server.databaseUrl, 'app_user', 'email = $1', [third])).toBe(0);
      const elsewhere = await from(new TestClient(server), nextAddress()).signUp({
        email: third,
        password: 'a long enough password',
        name: 'Flood',
      });
      expect(elsewhere.body.errors).toBeUndefined();
    },
    slow,
  );
});
