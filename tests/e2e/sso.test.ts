import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { newMember, newUser, TestClient, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { CookieJar, startProvider, type TestProvider } from '../support/oidc-provider.js';
import { expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';

// Single sign-on with OpenID Connect against a real provider (oidc-provider) on a local port:
// set-up by an owner, sign-in through HTTP redirects with a cookie jar as a browser does,
// just-in-time membership by e-mail domain, refusals (foreign domain, tampered state and
// nonce, another browser) and their audit entries, and what an SSO session may reach.

const server = useServer({
  SSO_SECRET_KEY: 'b2'.repeat(32),
  SSO_ALLOW_HTTP_ISSUER: 'true',
});
let provider: TestProvider;
let owner: SignedUpUser;

beforeAll(async () => {
  provider = await startProvider(`${server.url}/auth/oidc/callback`);
  owner = await newUser(server, { workspaceName: 'Acme' });
});
afterAll(() => provider?.close());

const configureMutation = /* GraphQL */ `
  mutation ($input: SsoInput!) {
    configureSso(input: $input) {
      available
      redirectUri
      connection {
        issuer
        clientId
        domains
        joinRole
      }
    }
  }
`;

function configure(client: TestClient, input: Record<string, unknown>) {
  return client.request(configureMutation, {
    input: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      domains: ['acme.test'],
      ...input,
    },
  });
}

interface SsoOutcome {
  /** Where the server sent the browser at the end. */
  location: string;
  /** The session cookie the callback set, if any. */
  client: TestClient | null;
}

/**
 * A browser's single sign-on: the start route, the provider's page (typing `email`), the
 * callback. `tamper` may change the provider's authorization URL or the callback URL first.
 */
async function ssoSignIn(
  start: { email?: string; workspace?: string },
  email: string,
  tamper: { authorization?: (url: URL) => void; callback?: (url: URL) => void; jar?: CookieJar } = {},
): Promise<SsoOutcome> {
  const jar = new CookieJar();
  const startUrl = `${server.url}/auth/oidc/start?${new URLSearchParams(start as Record<string, string>)}`;
  const toProvider = await jar.follow(startUrl, () => true);
  if (!toProvider.url.startsWith(provider.issuer)) return { location: toProvider.url, client: null };
  const authorization = new URL(toProvider.url);
  tamper.authorization?.(authorization);
  const page = await jar.follow(authorization.href);
  expect(page.response.status).toBe(200);
  expect(await page.response.text()).toContain('data-testid="provider-email"');
  const back = await jar.follow(page.url, (location) => location.startsWith(server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email }).toString(),
  });
  const callback = new URL(back.url);
  expect(callback.pathname).toBe('/auth/oidc/callback');
  tamper.callback?.(callback);
  const answer = await (tamper.jar ?? jar).fetch(callback.href);
  expect(answer.status).toBe(302);
  const session = (tamper.jar ?? jar).cookieFor(server.url, 'crm_session');
  const client = session ? Object.assign(new TestClient(server), { cookie: `crm_session=${session}` }) : null;
  return { location: answer.headers.get('location')!, client };
}

/** How many accounts have `email`. */
async function accounts(email: string): Promise<number> {
  const rows = await query<{ count: string }>(
    server.databaseUrl,
    'select count(*) from app_user where email = $1',
    [email],
  );
  return Number(rows[0]!.count);
}

async function auditLog(action: string) {
  const { auditLog } = await owner.client.data<{
    auditLog: {
      nodes: { action: string; actor: { name: string } | null; details: Record<string, unknown> }[];
    };
  }>(
    `query ($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) { nodes { action details } } }`,
    {
      filter: { action },
    },
  );
  return auditLog.nodes;
}

const meQuery = `{ me { user { email name } role currentWorkspace { id } memberships { workspace { id } role } twoFactorRequired } }`;

describe('single sign-on with OpenID Connect', () => {
  let admin: SignedUpUser;

  it('is set up by an owner: the provider is discovered, the secret sealed and never returned', async () => {
    admin = await newMember(server, owner, 'ADMIN');
    expectCode(await configure(admin.client, {}), 'FORBIDDEN');

    expectBadInput(await configure(owner.client, { issuer: 'ftp://login.acme.test' }), ['input', 'issuer']);
    // Nothing answers there: discovery fails and nothing is saved.
    const unreachable = await configure(owner.client, { issuer: 'http://127.0.0.1:9' });
    expectBadInput(unreachable, ['input', 'issuer']);
    expect(unreachable.body.errors![0]!.message).toMatch(/No OpenID provider answered/);
    expectBadInput(await configure(owner.client, { domains: ['not a domain'] }), ['input', 'domains', '0']);
    expectBadInput(await configure(owner.client, { joinRole: 'OWNER' }), ['input', 'joinRole']);

    const saved = await configure(owner.client, { joinRole: 'VIEWER', domains: ['Acme.test'] });
    expect(saved.body.errors).toBeUndefined();
    expect(saved.body.data).toEqual({
      configureSso: {
        available: true,
        redirectUri: `${server.url}/auth/oidc/callback`,
        connection: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          domains: ['acme.test'],
          joinRole: 'VIEWER',
        },
      },
    });
    // No field carries the secret, and the database holds only its sealed box.
    const { __type } = await owner.client.data(`{ __type(name: "SsoConnection") { fields { name } } }`);
    expect(__type.fields.map((f: { name: string }) => f.name)).not.toContain('clientSecret');
    const [row] = await query<{ client_secret_box: string }>(
      server.databaseUrl,
      'select client_secret_box from sso_connection',
    );
    expect(row!.client_secret_box).not.toContain(provider.clientSecret);
    expect(row!.client_secret_box.split('.')).toHaveLength(3);

    // Saving again without the secret keeps it (sign-ins below use it).
    const again = await configure(owner.client, { joinRole: 'VIEWER', clientSecret: null });
    expect(again.body.errors).toBeUndefined();
  });

  it('lets a new person of an allowed domain in, as a member with the configured role', async () => {
    const outcome = await ssoSignIn({ email: 'Dana@Acme.test' }, 'dana@acme.test');
    expect(outcome.location).toBe(`${server.url}/`);
    const { me } = await outcome.client!.data(meQuery);
    expect(me).toEqual({
      user: { email: 'dana@acme.test', name: 'Person dana' },
      role: 'VIEWER',
      currentWorkspace: { id: owner.workspaceId },
      memberships: [{ workspace: { id: owner.workspaceId }, role: 'VIEWER' }],
      twoFactorRequired: false,
    });
    // A second sign-in finds the same account and membership.
    const again = await ssoSignIn({ email: 'dana@acme.test' }, 'dana@acme.test');
    expect((await again.client!.data(meQuery)).me.role).toBe('VIEWER');
    expect(await accounts('dana@acme.test')).toBe(1);

    const signIns = await auditLog('auth.sign_in');
    expect(signIns.filter((e) => e.details.method === 'sso')).toHaveLength(2);
    const joined = await auditLog('member.joined');
    expect(joined.some((e) => e.details.method === 'sso' && e.details.role === 'viewer')).toBe(true);
    // No password was set: a password sign-in of the account fails like a wrong one.
    const password = await new TestClient(server).request(
      `mutation { signIn(input: { email: "dana@acme.test", password: "none of the above" }) { user { id } } }`,
    );
    expectCode(password, 'UNAUTHENTICATED');
  });

  it('keeps an existing member’s role, and confines the session to the workspace', async () => {
    // The admin (domain example.com, not an allowed one) also owns a workspace of their own.
    const { createWorkspace } = await admin.client.data(
      `mutation { createWorkspace(input: { name: "Own" }) { id } }`,
    );
    const outcome = await ssoSignIn({ workspace: owner.workspaceId }, admin.email);
    const client = outcome.client!;
    const { me } = await client.data(meQuery);
    expect(me.role).toBe('ADMIN');
    expect(me.memberships).toEqual([{ workspace: { id: owner.workspaceId }, role: 'ADMIN' }]);
    // The provider vouches for the person in this workspace only.
    expectCode(await client.inWorkspace(createWorkspace.id).request(`{ workspace { id } }`), 'FORBIDDEN');
    expectCode(await client.request(`{ mySessions { id } }`), 'FORBIDDEN');
    expectCode(await client.request(`mutation { startTwoFactorSetup { secret } }`), 'FORBIDDEN');
    // Their password session still reaches both.
    const { me: withPassword } = await admin.client.data(meQuery);
    expect(withPassword.memberships).toHaveLength(2);
  });

  it('refuses a person of another domain who is not a member, and audits it', async () => {
    const outcome = await ssoSignIn({ workspace: owner.workspaceId }, 'eve@elsewhere.test');
    expect(outcome.location).toBe(`${server.url}/sign-in?ssoError=domain-not-allowed`);
    expect(outcome.client).toBeNull();
    const failures = await auditLog('auth.sign_in_failed');
    expect(failures).toContainEqual(
      expect.objectContaining({
        details: { method: 'sso', reason: 'domain-not-allowed', email: 'eve@elsewhere.test' },
      }),
    );
    expect(await accounts('eve@elsewhere.test')).toBe(0);

    // An address the provider has not verified is refused too; an unknown domain never leaves.
    const unverified = await ssoSignIn({ workspace: owner.workspaceId }, 'unverified-finn@acme.test');
    expect(unverified.location).toBe(`${server.url}/sign-in?ssoError=email-not-verified`);
    const unknown = await ssoSignIn({ email: 'gus@nowhere.test' }, 'gus@nowhere.test');
    expect(unknown.location).toBe(`${server.url}/sign-in?ssoError=no-workspace`);
  });

  it('refuses a tampered state or nonce, and a callback in another browser', async () => {
    const state = await ssoSignIn({ email: 'hana@acme.test' }, 'hana@acme.test', {
      callback: (url) => url.searchParams.set('state', 'forged'),
    });
    expect(state.location).toBe(`${server.url}/sign-in?ssoError=provider-error`);
    expect(state.client).toBeNull();

    const nonce = await ssoSignIn({ email: 'hana@acme.test' }, 'hana@acme.test', {
      authorization: (url) => url.searchParams.set('nonce', 'forged-nonce'),
    });
    expect(nonce.location).toBe(`${server.url}/sign-in?ssoError=provider-error`);
    expect(nonce.client).toBeNull();

    // A callback URL carried to another browser (login CSRF) has no flow there.
    const elsewhere = await ssoSignIn({ email: 'hana@acme.test' }, 'hana@acme.test', {
      jar: new CookieJar(),
    });
    expect(elsewhere.location).toBe(`${server.url}/sign-in?ssoError=expired`);
    expect(elsewhere.client).toBeNull();

    const reasons = (await auditLog('auth.sign_in_failed')).map((e) => e.details.reason);
    expect(reasons.filter((r) => r === 'provider-error')).toHaveLength(2);
    expect(await accounts('hana@acme.test')).toBe(0);
  });

  it('satisfies the workspace’s two-factor demand: the provider owns the second factor', async () => {
    const { startTwoFactorSetup } = await owner.client.data(`mutation { startTwoFactorSetup { secret } }`);
    const code = await generate({
      secret: startTwoFactorSetup.secret,
      epoch: Math.floor(Date.now() / 1000) - 30,
    });
    await owner.client.data(`mutation ($code: String!) { confirmTwoFactor(code: $code) }`, { code });
    await owner.client.data(`mutation { setRequireTwoFactor(required: true) { id } }`);
    // The admin's password session is held back; their SSO session is not.
    expectCode(await admin.client.request(`{ workspace { id } }`), 'TWO_FACTOR_REQUIRED');
    const outcome = await ssoSignIn({ workspace: owner.workspaceId }, admin.email);
    const { workspace } = await outcome.client!.data(`{ workspace { id } }`);
    expect(workspace.id).toBe(owner.workspaceId);
  });
});
