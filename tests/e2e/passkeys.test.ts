import { describe, expect, it } from 'vitest';
import { createApiToken, newUser, TestClient, tokenClient, type SignedUpUser } from '../support/client.js';
import { createPasskey, usePasskey, type SoftPasskey } from '../support/authenticator.js';
import { expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';

// Passkeys over GraphQL with a software authenticator (tests/support/authenticator.ts): the
// registration and sign-in ceremonies, the list, and every refusal (a replayed challenge, an
// unknown or removed passkey, a wrong origin, a counter that did not move, an API token).
// tests/browser/passkeys.test.ts runs the same ceremonies in Chromium.

const server = useServer();
const origin = () => server.url;

const passkeyFields = 'id name deviceType backedUp createdAt lastUsedAt';
const signInMutation = /* GraphQL */ `
  mutation ($response: JSON!) {
    signInWithPasskey(response: $response) {
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

interface Passkey {
  id: string;
  name: string;
  deviceType: string;
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

async function registrationOptions(client: TestClient) {
  return (await client.data(`mutation { passkeyRegistrationOptions }`)).passkeyRegistrationOptions;
}

/** Registers a new software passkey for `user` under `name`. */
async function addPasskey(
  user: SignedUpUser,
  name: string,
): Promise<{ soft: SoftPasskey; passkey: Passkey }> {
  const { passkey: soft, response } = createPasskey(await registrationOptions(user.client), origin());
  const { addPasskey } = await user.client.data<{ addPasskey: Passkey }>(
    `mutation ($response: JSON!, $name: String!) { addPasskey(response: $response, name: $name) { ${passkeyFields} } }`,
    { response, name },
  );
  return { soft, passkey: addPasskey };
}

async function signInOptions(client: TestClient) {
  return (await client.data(`mutation { passkeySignInOptions }`)).passkeySignInOptions;
}

async function audited(user: SignedUpUser, action: string): Promise<{ action: string; details: unknown }[]> {
  const { auditLog } = await user.client.data(
    `query ($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) { nodes { action details } } }`,
    { filter: { action } },
  );
  return auditLog.nodes;
}

function reasonOf(response: { body: { errors?: { extensions?: Record<string, unknown> }[] } }): unknown {
  return response.body.errors?.[0]?.extensions?.reason;
}

describe('passkeys', () => {
  it('registers, lists, renames and removes passkeys; options exclude the ones you have', async () => {
    const user = await newUser(server);
    const first = await registrationOptions(user.client);
    expect(first.rp.id).toBe(new URL(server.url).hostname);
    expect(first.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
    expect(first.excludeCredentials).toEqual([]);
    const { passkey: soft, response } = createPasskey(first, origin());

    const unnamed = await user.client.request(
      `mutation ($response: JSON!) { addPasskey(response: $response, name: "  ") { id } }`,
      { response },
    );
    expectCode(unnamed, 'BAD_USER_INPUT');
    expect(unnamed.body.errors![0]!.extensions!.field).toBe('name');

    const laptop = (
      await user.client.data(
        `mutation ($response: JSON!) { addPasskey(response: $response, name: " Laptop ") { ${passkeyFields} } }`,
        { response },
      )
    ).addPasskey;
    expect(laptop).toMatchObject({ name: 'Laptop', lastUsedAt: null });
    // The challenge was spent: the same answer again is refused.
    const replay = await user.client.request(
      `mutation ($response: JSON!) { addPasskey(response: $response, name: "Again") { id } }`,
      { response },
    );
    expectCode(replay, 'BAD_USER_INPUT');
    expect(reasonOf(replay)).toBe('PASSKEY_CHALLENGE_EXPIRED');

    const second = await registrationOptions(user.client);
    expect(second.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([
      soft.credentialId.toString('base64url'),
    ]);
    // An answer from another site's page is refused.
    const elsewhere = createPasskey(second, 'https://evil.example');
    const wrongOrigin = await user.client.request(
      `mutation ($response: JSON!) { addPasskey(response: $response, name: "Phone") { id } }`,
      { response: elsewhere.response },
    );
    expectCode(wrongOrigin, 'BAD_USER_INPUT');
    expect(wrongOrigin.body.errors![0]!.message).toMatch(/origin/i);

    const phone = await addPasskey(user, 'Phone');
    const { renamePasskey } = await user.client.data(
      `mutation ($id: ID!) { renamePasskey(id: $id, name: "Work phone") { id name } }`,
      { id: phone.passkey.id },
    );
    expect(renamePasskey.name).toBe('Work phone');
    const { myPasskeys } = await user.client.data(`{ myPasskeys { id name } }`);
    expect(myPasskeys).toEqual([
      { id: phone.passkey.id, name: 'Work phone' },
      { id: laptop.id, name: 'Laptop' },
    ]);

    // Another account sees none of them and cannot touch them.
    const other = await newUser(server);
    expect((await other.client.data(`{ myPasskeys { id } }`)).myPasskeys).toEqual([]);
    expectCode(
      await other.client.request(`mutation ($id: ID!) { removePasskey(id: $id) }`, { id: laptop.id }),
      'NOT_FOUND',
    );

    expect(
      (await user.client.data(`mutation ($id: ID!) { removePasskey(id: $id) }`, { id: laptop.id }))
        .removePasskey,
    ).toBe(true);
    expect((await user.client.data(`{ myPasskeys { id } }`)).myPasskeys).toEqual([{ id: phone.passkey.id }]);
  });

  it('signs in with a passkey (no e-mail), records its use, and refuses replays, strangers and removed ones', async () => {
    const user = await newUser(server);
    const { soft, passkey } = await addPasskey(user, 'Laptop');

    const visitor = new TestClient(server);
    const options = await signInOptions(visitor);
    expect(options).toMatchObject({ userVerification: 'required', rpId: new URL(server.url).hostname });
    expect(options.allowCredentials ?? []).toEqual([]);
    const answer = usePasskey(soft, options, origin());
    const { signInWithPasskey } = await visitor.data(signInMutation, { response: answer });
    expect(signInWithPasskey).toEqual({
      user: { id: user.userId },
      workspace: { id: user.workspaceId },
      twoFactorToken: null,
    });
    expect(visitor.cookie).toMatch(/^crm_session=/);
    visitor.workspaceId = user.workspaceId;
    expect((await visitor.data(`{ me { user { id } } }`)).me.user.id).toBe(user.userId);
    const [listed] = (await user.client.data(`{ myPasskeys { ${passkeyFields} } }`)).myPasskeys;
    expect(listed.id).toBe(passkey.id);
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(listed.createdAt));
    expect(await audited(user, 'auth.sign_in')).toContainEqual({
      action: 'auth.sign_in',
      details: { method: 'passkey' },
    });

    // The same answer again: its challenge is spent.
    const replay = await new TestClient(server).request(signInMutation, { response: answer });
    expectCode(replay, 'BAD_USER_INPUT');
    expect(reasonOf(replay)).toBe('PASSKEY_CHALLENGE_EXPIRED');
    // A new challenge but a counter that did not move (a cloned authenticator).
    const stale = await new TestClient(server).request(signInMutation, {
      response: usePasskey(soft, await signInOptions(visitor), origin(), { counter: soft.counter }),
    });
    expectCode(stale, 'UNAUTHENTICATED');
    expect(reasonOf(stale)).toBe('PASSKEY_REFUSED');
    // Signed on another site's page.
    const wrongOrigin = await new TestClient(server).request(signInMutation, {
      response: usePasskey(soft, await signInOptions(visitor), 'https://evil.example'),
    });
    expectCode(wrongOrigin, 'UNAUTHENTICATED');
    expect(wrongOrigin.body.errors![0]!.message).toMatch(/origin/i);
    const failures = await audited(user, 'auth.sign_in_failed');
    expect(failures).toContainEqual({
      action: 'auth.sign_in_failed',
      details: { reason: 'UNAUTHENTICATED', method: 'passkey' },
    });

    // A passkey this server never registered.
    const stranger = createPasskey(
      { challenge: 'x', rp: { id: new URL(server.url).hostname }, user: { id: 'nobody' } },
      origin(),
    ).passkey;
    const unknown = await new TestClient(server).request(signInMutation, {
      response: usePasskey(stranger, await signInOptions(visitor), origin()),
    });
    expectCode(unknown, 'UNAUTHENTICATED');
    expect(reasonOf(unknown)).toBe('PASSKEY_UNKNOWN');
    const garbage = await new TestClient(server).request(signInMutation, { response: { id: 'x' } });
    expectCode(garbage, 'BAD_USER_INPUT');

    await user.client.data(`mutation ($id: ID!) { removePasskey(id: $id) }`, { id: passkey.id });
    const removed = await new TestClient(server).request(signInMutation, {
      response: usePasskey(soft, await signInOptions(visitor), origin()),
    });
    expectCode(removed, 'UNAUTHENTICATED');
    expect(reasonOf(removed)).toBe('PASSKEY_UNKNOWN');
  });

  it('a passkey sign-in meets a workspace’s two-factor demand; a password session does not', async () => {
    const owner = await newUser(server);
    const { soft } = await addPasskey(owner, 'Laptop');
    // With a passkey the owner can sign in with two factors, so may demand them.
    await owner.client.data(`mutation { setRequireTwoFactor(required: true) { requireTwoFactor } }`);

    const recordsQuery = `{ objects { key } }`;
    expectCode(await owner.client.request(recordsQuery), 'TWO_FACTOR_REQUIRED');
    expect((await owner.client.data(`{ me { twoFactorRequired } }`)).me.twoFactorRequired).toBe(true);

    const browser = new TestClient(server);
    await browser.data(signInMutation, {
      response: usePasskey(soft, await signInOptions(browser), origin()),
    });
    browser.workspaceId = owner.workspaceId;
    expect((await browser.data(`{ me { twoFactorRequired } }`)).me.twoFactorRequired).toBe(false);
    expect((await browser.data(recordsQuery)).objects.length).toBeGreaterThan(0);

    // API tokens: account security needs a session, and the token's owner has a second factor.
    const { token } = await createApiToken(browser);
    const byToken = tokenClient(server, token, owner.workspaceId);
    expect((await byToken.data(recordsQuery)).objects.length).toBeGreaterThan(0);
    for (const operation of [
      `{ myPasskeys { id } }`,
      `mutation { passkeyRegistrationOptions }`,
      `mutation { removePasskey(id: "00000000-0000-0000-0000-000000000000") }`,
    ]) {
      expectCode(await byToken.request(operation), 'FORBIDDEN');
    }
  });
});
