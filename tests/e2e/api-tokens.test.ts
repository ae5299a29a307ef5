import { describe, expect, it } from 'vitest';
import {
  createApiToken,
  newMember,
  newUser,
  tokenClient,
  uniqueEmail,
  type GraphQLResponse,
} from '../support/client.js';
import { query, rowCount } from '../support/database.js';
import { expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';

// Bearer API tokens: shown once, stored hashed, capped by a role, bound to one workspace.

const meQuery = /* GraphQL */ `
  {
    me {
      user {
        id
      }
      memberships {
        workspace {
          id
        }
      }
      currentWorkspace {
        id
      }
      role
      authenticatedBy
    }
  }
`;

const inviteMutation = /* GraphQL */ `
  mutation ($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      token
    }
  }
`;

const createTokenMutation = /* GraphQL */ `
  mutation ($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`;

function expectRefused(answer: GraphQLResponse): void {
  expect(answer.status).toBe(401);
  expectCode(answer, 'UNAUTHENTICATED');
  expect(answer.body.data ?? null).toBeNull();
}

describe('API tokens', () => {
  const server = useServer();

  const tokenRows = (where: string, params: unknown[]) =>
    rowCount(server.databaseUrl, 'api_token', where, params);

  it('returns the secret once; the list never shows it and the table stores only a hash', async () => {
    const owner = await newUser(server);

    const { id, token } = await createApiToken(owner.client, { name: 'Zapier' });

    expect(token.length).toBeGreaterThanOrEqual(32);
    const listed = await owner.client.request(`{ apiTokens { id name role createdAt expiresAt revokedAt } }`);
    expect(listed.body.data).toEqual({
      apiTokens: [
        {
          id,
          name: 'Zapier',
          role: 'OWNER',
          createdAt: expect.any(String),
          expiresAt: null,
          revokedAt: null,
        },
      ],
    });
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const rows = await query(server.databaseUrl, 'select * from api_token where id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.token_hash).toEqual(expect.any(String));
  });

  it('authenticates me as "token" in its own workspace only', async () => {
    const owner = await newUser(server);
    const { createWorkspace } = await owner.client.data(
      `mutation { createWorkspace(input: { name: "Second" }) { id } }`,
    );
    const { token } = await createApiToken(owner.client);

    const { me } = await tokenClient(server, token).data(meQuery);

    expect(me).toEqual({
      user: { id: owner.userId },
      memberships: [{ workspace: { id: owner.workspaceId } }],
      currentWorkspace: { id: owner.workspaceId },
      role: 'OWNER',
      authenticatedBy: 'token',
    });
    expect(JSON.stringify(me)).not.toContain(createWorkspace.id);
    const [used] = await query(server.databaseUrl, 'select last_used_at from api_token where user_id = $1', [
      owner.userId,
    ]);
    expect(used!.last_used_at).toBeInstanceOf(Date);
  });

  it('limits a VIEWER token to a viewer’s rights although its creator may do more', async () => {
    const owner = await newUser(server);
    const viewerToken = tokenClient(server, (await createApiToken(owner.client, { role: 'VIEWER' })).token);

    const invited = await viewerToken.request(inviteMutation, {
      input: { email: uniqueEmail(), role: 'MEMBER' },
    });

    expectCode(invited, 'FORBIDDEN');
    expect(await rowCount(server.databaseUrl, 'invitation', 'workspace_id = $1', [owner.workspaceId])).toBe(
      0,
    );
    expect((await viewerToken.data(meQuery)).me.role).toBe('VIEWER');
    expect((await viewerToken.data(`{ members { role } }`)).members).toEqual([{ role: 'OWNER' }]);
    // The creator's own session still may.
    await owner.client.data(inviteMutation, { input: { email: uniqueEmail(), role: 'MEMBER' } });
  });

  it('caps a token at its creator’s current role when the creator is demoted', async () => {
    const owner = await newUser(server);
    const admin = await newMember(server, owner, 'ADMIN');
    const adminToken = tokenClient(server, (await createApiToken(admin.client)).token);
    expect((await adminToken.data(meQuery)).me.role).toBe('ADMIN');

    await owner.client.data(
      `mutation { updateMemberRole(input: { userId: "${admin.userId}", role: VIEWER }) { role } }`,
    );

    expect((await adminToken.data(meQuery)).me.role).toBe('VIEWER');
    expectCode(
      await adminToken.request(inviteMutation, { input: { email: uniqueEmail(), role: 'VIEWER' } }),
      'FORBIDDEN',
    );
  });

  it('refuses a token role above the creator’s with BAD_USER_INPUT at input.role', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');

    for (const role of ['ADMIN', 'OWNER']) {
      const answer = await member.client.request(createTokenMutation, {
        input: { name: 'too strong', role },
      });
      expectBadInput(answer, ['input', 'role']);
    }
    expect(await tokenRows('user_id = $1', [member.userId])).toBe(0);
  });

  it('refuses a revoked token with HTTP 401 UNAUTHENTICATED', async () => {
    const owner = await newUser(server);
    const { id, token } = await createApiToken(owner.client);
    expect((await tokenClient(server, token).request(meQuery)).status).toBe(200);

    const { revokeApiToken } = await owner.client.data(
      `mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`,
      {
        id,
      },
    );

    expect(revokeApiToken.revokedAt).toEqual(expect.any(String));
    expectRefused(await tokenClient(server, token).request(meQuery));
  });

  it('refuses an expired token with HTTP 401 UNAUTHENTICATED', async () => {
    const owner = await newUser(server);
    const fresh = await createApiToken(owner.client, { expiresInDays: 1 });
    expect((await tokenClient(server, fresh.token).data(meQuery)).me.authenticatedBy).toBe('token');
    // Expired before its first use: a token in use is cached (never past its expiry), so
    // moving its expiry in the database behind the server's back would not count at once.
    const { id, token } = await createApiToken(owner.client, { expiresInDays: 1 });

    await query(
      server.databaseUrl,
      `update api_token set expires_at = now() - interval '1 second' where id = $1`,
      [id],
    );

    expectRefused(await tokenClient(server, token).request(meQuery));
  });

  it('refuses a garbage bearer token, even alongside a valid session cookie, with HTTP 401', async () => {
    const owner = await newUser(server);
    const sessionSecret = owner.client.cookie!.split('=')[1]!;
    const garbage = ['garbage', 'crm_t_' + 'A'.repeat(43), sessionSecret, ''];

    for (const token of garbage) {
      const answer = await owner.client.request(meQuery, {}, { authorization: `Bearer ${token}` });
      expectRefused(answer);
    }
  });

  it('does not let a token create tokens (FORBIDDEN)', async () => {
    const owner = await newUser(server);
    const { token } = await createApiToken(owner.client);

    const answer = await tokenClient(server, token).request(createTokenMutation, {
      input: { name: 'child' },
    });

    expectCode(answer, 'FORBIDDEN');
    expect(await tokenRows('user_id = $1', [owner.userId])).toBe(1);
  });

  it('keeps a token inside its workspace: it cannot create or join workspaces (FORBIDDEN)', async () => {
    const owner = await newUser(server);
    const carol = await newUser(server);
    const client = tokenClient(server, (await createApiToken(owner.client)).token);
    const { inviteMember } = await carol.client.data(inviteMutation, {
      input: { email: owner.email, role: 'ADMIN' },
    });

    const created = await client.request(`mutation { createWorkspace(input: { name: "By token" }) { id } }`);
    const joined = await client.request(
      `mutation ($token: String!) { acceptInvitation(token: $token) { id } }`,
      {
        token: inviteMember.token,
      },
    );

    expectCode(created, 'FORBIDDEN');
    expectCode(joined, 'FORBIDDEN');
    expect(await rowCount(server.databaseUrl, 'membership', 'user_id = $1', [owner.userId])).toBe(1);
    // The invitation is still there for the person to accept with their session.
    const accepted = await owner.client.data(
      `mutation ($token: String!) { acceptInvitation(token: $token) { id } }`,
      {
        token: inviteMember.token,
      },
    );
    expect(accepted.acceptInvitation.id).toBe(carol.workspaceId);
  });

  it('refuses a token sent with another workspace’s x-workspace-id', async () => {
    const alice = await newUser(server);
    const bob = await newUser(server);
    const { token } = await createApiToken(alice.client);

    const answer = await tokenClient(server, token, bob.workspaceId).request(
      `{ workspace { id name } members { user { id } } }`,
    );

    expectRefused(answer);
    expect(JSON.stringify(answer.body)).not.toContain(bob.userId);
    // Its own workspace's id is accepted, however the UUID is spelled.
    const own = await tokenClient(server, token, alice.workspaceId.toUpperCase()).data(
      `{ workspace { id } }`,
    );
    expect(own.workspace.id).toBe(alice.workspaceId);
  });
});
