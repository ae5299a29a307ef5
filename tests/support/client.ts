import { randomBytes } from 'node:crypto';
import type { TestServer } from './server.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  };
}

/**
 * A GraphQL-over-HTTP client that behaves like a browser tab: it keeps the session
 * cookie, and sends the selected workspace and, if set, a bearer token.
 */
export class TestClient {
  cookie?: string;
  token?: string;
  workspaceId?: string;

  constructor(readonly server: TestServer) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.authHeaders(), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    this.keepCookie(response.headers);
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as GraphQLResponse<T>['body'],
    };
  }

  /** The data of a request that must succeed; fails the test with the errors otherwise. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped answers are read freely in tests
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await this.request<T>(query, variables);
    if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  /** The same credentials, selecting another workspace (or none). */
  inWorkspace(workspaceId: string | undefined): TestClient {
    const copy = new TestClient(this.server);
    Object.assign(copy, { cookie: this.cookie, token: this.token, workspaceId });
    return copy;
  }

  authHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.workspaceId) headers['x-workspace-id'] = this.workspaceId;
    return headers;
  }

  private keepCookie(headers: Headers): void {
    for (const setCookie of headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const [name, value] = pair!.split('=');
      if (name !== 'crm_session') continue;
      this.cookie = value ? `${name}=${value}` : undefined;
    }
  }
}

export const signUpMutation = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        id
        email
        name
      }
      workspace {
        id
        name
      }
    }
  }
`;

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.com`;
}

export interface SignedUpUser {
  client: TestClient;
  userId: string;
  email: string;
  password: string;
  workspaceId: string;
}

/** A fresh account with its own workspace, signed in on a new client. */
export async function newUser(
  server: TestServer,
  input: { name?: string; workspaceName?: string } = {},
): Promise<SignedUpUser> {
  const client = new TestClient(server);
  const email = uniqueEmail();
  const password = 'a long enough password';
  const data = await client.data<{ signUp: { user: { id: string }; workspace: { id: string } } }>(
    signUpMutation,
    {
      input: { email, password, name: input.name ?? 'Test User', workspaceName: input.workspaceName },
    },
  );
  client.workspaceId = data.signUp.workspace.id;
  return { client, userId: data.signUp.user.id, email, password, workspaceId: data.signUp.workspace.id };
}

/** Invites a new user into `owner`'s workspace with `role` and signs them up by invitation. */
export async function newMember(
  server: TestServer,
  owner: SignedUpUser,
  role: string,
): Promise<SignedUpUser> {
  const email = uniqueEmail(role.toLowerCase());
  const { inviteMember } = await owner.client.data<{ inviteMember: { token: string } }>(
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
    { input: { email, role } },
  );
  const client = new TestClient(server);
  const password = 'a long enough password';
  const data = await client.data<{ signUp: { user: { id: string }; workspace: { id: string } } }>(
    signUpMutation,
    {
      input: { email, password, name: `A ${role}`, invitationToken: inviteMember.token },
    },
  );
  client.workspaceId = owner.workspaceId;
  return { client, userId: data.signUp.user.id, email, password, workspaceId: owner.workspaceId };
}

export interface CreatedApiToken {
  id: string;
  /** The secret, shown only in the createApiToken answer. */
  token: string;
}

/** Creates an API token in the client's current workspace; fails the test on errors. */
export async function createApiToken(
  client: TestClient,
  input: { name?: string; role?: string; expiresInDays?: number } = {},
): Promise<CreatedApiToken> {
  const { createApiToken } = await client.data<{
    createApiToken: { token: string; apiToken: { id: string } };
  }>(`mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }`, {
    input: { name: 'integration', ...input },
  });
  return { id: createApiToken.apiToken.id, token: createApiToken.token };
}

/** A client that authenticates with only `token` (no cookie), optionally selecting a workspace. */
export function tokenClient(server: TestServer, token: string, workspaceId?: string): TestClient {
  const client = new TestClient(server);
  client.token = token;
  client.workspaceId = workspaceId;
  return client;
}

/** Turns these notification kinds off in `user`'s inbox (a test counting only other kinds). */
export async function muteNotifications(user: SignedUpUser, kinds: string[]): Promise<void> {
  await user.client.data(
    `mutation ($settings: [NotificationSettingInput!]!) { setNotificationSettings(settings: $settings) { kind } }`,
    { settings: kinds.map((kind) => ({ kind, inApp: false, email: false })) },
  );
}
