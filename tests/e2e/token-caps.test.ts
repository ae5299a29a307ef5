import { describe, expect, it } from 'vitest';
import {
  createApiToken,
  newMember,
  newUser,
  TestClient,
  tokenClient,
  uniqueEmail,
  type SignedUpUser,
} from '../support/client.js';
import { query, rowCount } from '../support/database.js';
import { errorOf, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';

// A token never does more to the account than its cap allows (issue 11, finding 5), the
// Authorization header counts only when it is ours (finding 11), and an invitation
// accepted three times at once is accepted once (finding 11).

const operations = {
  leave: `mutation { leaveWorkspace }`,
  revokeToken: `mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`,
  createWorkspace: `mutation { createWorkspace(input: { name: "By token" }) { id } }`,
  invite: `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
  setRole: `mutation ($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { role } }`,
  remove: `mutation ($userId: ID!) { removeMember(userId: $userId) }`,
  delete: `mutation ($confirmName: String!) { deleteWorkspace(confirmName: $confirmName) }`,
  createToken: `mutation { createApiToken(input: { name: "child" }) { token } }`,
  accept: `mutation ($token: String!) { acceptInvitation(token: $token) { id } }`,
  me: `{ me { user { id } role authenticatedBy } }`,
};

describe('token caps on account actions', () => {
  const server = useServer();

  const membership = (user: SignedUpUser, workspaceId = user.workspaceId) =>
    query<{ role: string }>(
      server.databaseUrl,
      'select role from membership where user_id = $1 and workspace_id = $2',
      [user.userId, workspaceId],
    );

  it('refuses leaveWorkspace to a VIEWER-capped token of an admin; the admin stays', async () => {
    const owner = await newUser(server);
    const admin = await newMember(server, owner, 'ADMIN');
    const viewerToken = tokenClient(server, (await createApiToken(admin.client, { role: 'VIEWER' })).token);

    const answer = await viewerToken.request(operations.leave);

    expectCode(answer, 'FORBIDDEN');
    expect(errorOf(answer).message).toMatch(/token capped at VIEWER/);
    expect(await membership(admin)).toEqual([{ role: 'admin' }]);
    // A token with the admin's full role may leave for them.
    const adminToken = tokenClient(server, (await createApiToken(admin.client, { role: 'ADMIN' })).token);
    expect(await adminToken.data(operations.leave)).toEqual({ leaveWorkspace: true });
    expect(await membership(admin)).toEqual([]);
  });

  it('refuses to let a VIEWER-capped token revoke its owner’s OWNER token, but lets it revoke itself', async () => {
    const owner = await newUser(server);
    const ownerToken = await createApiToken(owner.client, { role: 'OWNER' });
    const viewer = await createApiToken(owner.client, { role: 'VIEWER' });
    const viewerClient = tokenClient(server, viewer.token);

    const answer = await viewerClient.request(operations.revokeToken, { id: ownerToken.id });

    expectCode(answer, 'FORBIDDEN');
    const [row] = await query(server.databaseUrl, 'select revoked_at from api_token where id = $1', [
      ownerToken.id,
    ]);
    expect(row!.revoked_at).toBeNull();
    expect((await tokenClient(server, ownerToken.token).data(operations.me)).me.role).toBe('OWNER');
    // A leaked token can still take itself out of service.
    const self = await viewerClient.data(operations.revokeToken, { id: viewer.id });
    expect(self.revokeApiToken.revokedAt).toEqual(expect.any(String));
  });

  it('refuses every account mutation to a VIEWER-capped token of an owner and writes nothing', async () => {
    const owner = await newUser(server, { workspaceName: 'Capped' });
    const member = await newMember(server, owner, 'MEMBER');
    const stranger = await newUser(server);
    const { token: invitation } = (
      await stranger.client.data(operations.invite, { input: { email: owner.email, role: 'MEMBER' } })
    ).inviteMember;
    const viewer = tokenClient(server, (await createApiToken(owner.client, { role: 'VIEWER' })).token);
    const counts = () =>
      Promise.all(
        ['workspace', 'membership', 'invitation', 'api_token'].map((table) =>
          rowCount(server.databaseUrl, table),
        ),
      );
    const before = await counts();

    const answers = [
      await viewer.request(operations.leave),
      await viewer.request(operations.createWorkspace),
      await viewer.request(operations.invite, { input: { email: uniqueEmail(), role: 'VIEWER' } }),
      await viewer.request(operations.setRole, { input: { userId: member.userId, role: 'VIEWER' } }),
      await viewer.request(operations.remove, { userId: member.userId }),
      await viewer.request(operations.delete, { confirmName: 'Capped' }),
      await viewer.request(operations.createToken),
      await viewer.request(operations.accept, { token: invitation }),
    ];

    for (const answer of answers) expectCode(answer, 'FORBIDDEN');
    expect(await counts()).toEqual(before);
    expect(await membership(member, owner.workspaceId)).toEqual([{ role: 'member' }]);
  });

  it('keeps an ADMIN-capped token, and an admin, away from owners and their tokens', async () => {
    const owner = await newUser(server);
    const admin = await newMember(server, owner, 'ADMIN');
    const ownerToken = await createApiToken(owner.client, { role: 'OWNER' });
    const adminCapped = tokenClient(server, (await createApiToken(owner.client, { role: 'ADMIN' })).token);

    expectCode(
      await adminCapped.request(operations.invite, { input: { email: uniqueEmail(), role: 'OWNER' } }),
      'FORBIDDEN',
    );
    expectCode(
      await adminCapped.request(operations.setRole, { input: { userId: admin.userId, role: 'OWNER' } }),
      'FORBIDDEN',
    );
    expectCode(await adminCapped.request(operations.revokeToken, { id: ownerToken.id }), 'FORBIDDEN');
    expectCode(await admin.client.request(operations.revokeToken, { id: ownerToken.id }), 'FORBIDDEN');
    expectCode(await admin.client.request(operations.remove, { userId: owner.userId }), 'FORBIDDEN');

    expect(await membership(admin)).toEqual([{ role: 'admin' }]);
    expect(await membership(owner)).toEqual([{ role: 'owner' }]);
    expect(
      await rowCount(server.databaseUrl, 'api_token', 'revoked_at is not null and user_id = $1', [
        owner.userId,
      ]),
    ).toBe(0);
    // Within its cap it still works: it invites an admin and revokes a member's token.
    const member = await newMember(server, owner, 'MEMBER');
    const memberToken = await createApiToken(member.client);
    await adminCapped.data(operations.invite, { input: { email: uniqueEmail(), role: 'ADMIN' } });
    await adminCapped.data(operations.revokeToken, { id: memberToken.id });
  });
});

describe('the Authorization header', () => {
  const server = useServer();

  it('ignores a non-Bearer scheme and keeps the session cookie', async () => {
    const user = await newUser(server);

    for (const authorization of ['Basic dXNlcjpwYXNz', 'Digest username="x"', 'Negotiate abc']) {
      const answer = await user.client.request(operations.me, {}, { authorization });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        data: { me: { user: { id: user.userId }, role: 'OWNER', authenticatedBy: 'session' } },
      });
    }
    // A Bearer header is ours: a bad one is refused even with the cookie.
    expectCode(
      await user.client.request(operations.me, {}, { authorization: 'Bearer nope' }),
      'UNAUTHENTICATED',
    );
    expectCode(await user.client.request(operations.me, {}, { authorization: 'bearer' }), 'UNAUTHENTICATED');
  });
});

describe('accepting one invitation concurrently', () => {
  const server = useServer();

  it('accepts it once; the others get coded errors, never INTERNAL_SERVER_ERROR', async () => {
    const owner = await newUser(server);
    const invitee = await newUser(server);
    const { token } = (
      await owner.client.data(operations.invite, { input: { email: invitee.email, role: 'MEMBER' } })
    ).inviteMember;
    const tabs = [0, 1, 2].map(() => {
      const tab = new TestClient(server);
      tab.cookie = invitee.client.cookie;
      return tab;
    });

    const answers = await Promise.all(tabs.map((tab) => tab.request(operations.accept, { token })));

    const accepted = answers.filter((answer) => !answer.body.errors);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.body.data).toEqual({ acceptInvitation: { id: owner.workspaceId } });
    for (const answer of answers.filter((a) => a.body.errors)) {
      expect(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND']).toContain(errorOf(answer).extensions.code);
    }
    expect(
      await rowCount(server.databaseUrl, 'membership', 'workspace_id = $1 and user_id = $2', [
        owner.workspaceId,
        invitee.userId,
      ]),
    ).toBe(1);
  });
});
