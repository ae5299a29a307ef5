import { describe, expect, it } from 'vitest';
import {
  createApiToken,
  newMember,
  newUser,
  signUpMutation,
  TestClient,
  tokenClient,
  uniqueEmail,
  type SignedUpUser,
} from '../support/client.js';
import { query, rowCount } from '../support/database.js';
import { expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';

// One workspace's people, invitations and tokens are invisible and untouchable from
// another, whatever workspace id or object id a caller sends.

const operations = {
  workspace: `{ workspace { id name } }`,
  members: `{ members { user { id email } role } }`,
  invitations: `{ invitations { id email } }`,
  apiTokens: `{ apiTokens { id name } }`,
  invite: `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id } } }`,
  accept: `mutation ($token: String!) { acceptInvitation(token: $token) { id } }`,
  revokeInvitation: `mutation ($id: ID!) { revokeInvitation(id: $id) }`,
  revokeToken: `mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`,
  setRole: `mutation ($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { role } }`,
  remove: `mutation ($userId: ID!) { removeMember(userId: $userId) }`,
  leave: `mutation { leaveWorkspace }`,
};

async function invite(admin: SignedUpUser, email: string, role = 'MEMBER') {
  const { inviteMember } = await admin.client.data(operations.invite, { input: { email, role } });
  return { token: inviteMember.token as string, id: inviteMember.invitation.id as string };
}

async function memberIds(client: TestClient): Promise<string[]> {
  const { members } = await client.data<{ members: { user: { id: string } }[] }>(operations.members);
  return members.map((m) => m.user.id).sort();
}

describe('workspace isolation', () => {
  const server = useServer();

  /** Alice's workspace with a member, a pending invitation and a token; Bob owns another. */
  async function twoWorkspaces() {
    const alice = await newUser(server, { workspaceName: `Alice Corp ${uniqueEmail()}` });
    const aliceMember = await newMember(server, alice, 'MEMBER');
    const invitedEmail = uniqueEmail('pending');
    const invitation = await invite(alice, invitedEmail);
    const token = await createApiToken(alice.client, { name: 'alice-secret-integration' });
    const bob = await newUser(server);
    return { alice, aliceMember, invitedEmail, invitation, token, bob };
  }

  it('refuses to show another workspace, its members, invitations or tokens (FORBIDDEN)', async () => {
    const { alice, aliceMember, invitedEmail, invitation, token, bob } = await twoWorkspaces();
    const aliceName = (await alice.client.data(operations.workspace)).workspace.name as string;
    const intruder = bob.client.inWorkspace(alice.workspaceId);

    for (const operation of ['workspace', 'members', 'invitations', 'apiTokens'] as const) {
      const answer = await intruder.request(operations[operation]);

      expectCode(answer, 'FORBIDDEN');
      expect(answer.body.data ?? null).toBeNull();
      const text = JSON.stringify(answer.body);
      for (const secret of [
        aliceName,
        alice.email,
        aliceMember.userId,
        invitedEmail,
        invitation.id,
        token.id,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    // Bob's me does not pretend he is in Alice's workspace either.
    const { me } = await intruder.data(
      `{ me { currentWorkspace { id } role memberships { workspace { id } } } }`,
    );
    expect(me).toEqual({
      currentWorkspace: null,
      role: null,
      memberships: [{ workspace: { id: bob.workspaceId } }],
    });
  });

  it('answers NOT_FOUND when revoking another workspace’s token or invitation by id', async () => {
    const { alice, invitation, token, bob } = await twoWorkspaces();

    expectCode(await bob.client.request(operations.revokeToken, { id: token.id }), 'NOT_FOUND');
    expectCode(await bob.client.request(operations.revokeInvitation, { id: invitation.id }), 'NOT_FOUND');
    const intruder = bob.client.inWorkspace(alice.workspaceId);
    expectCode(await intruder.request(operations.revokeToken, { id: token.id }), 'FORBIDDEN');
    expectCode(await intruder.request(operations.revokeInvitation, { id: invitation.id }), 'FORBIDDEN');

    expect((await tokenClient(server, token.token).data(operations.workspace)).workspace.id).toBe(
      alice.workspaceId,
    );
    expect((await alice.client.data(operations.invitations)).invitations).toEqual([
      { id: invitation.id, email: expect.any(String) },
    ]);
  });

  it('does not let an owner of one workspace change roles in or remove members of another', async () => {
    const { alice, aliceMember, bob } = await twoWorkspaces();
    const before = (await alice.client.data(operations.members)).members;
    const intruder = bob.client.inWorkspace(alice.workspaceId);
    const promote = { input: { userId: aliceMember.userId, role: 'ADMIN' } };
    const demoteOwner = { input: { userId: alice.userId, role: 'VIEWER' } };

    expectCode(await bob.client.request(operations.setRole, promote), 'NOT_FOUND');
    expectCode(await bob.client.request(operations.setRole, demoteOwner), 'NOT_FOUND');
    expectCode(await bob.client.request(operations.remove, { userId: aliceMember.userId }), 'NOT_FOUND');
    expectCode(await intruder.request(operations.setRole, promote), 'FORBIDDEN');
    expectCode(await intruder.request(operations.remove, { userId: aliceMember.userId }), 'FORBIDDEN');
    expectCode(await intruder.request(operations.leave), 'FORBIDDEN');

    expect((await alice.client.data(operations.members)).members).toEqual(before);
  });

  it('shows a user in two workspaces each one’s members only under that workspace’s header', async () => {
    const alice = await newUser(server);
    const bob = await newUser(server);
    const both = await newMember(server, alice, 'VIEWER');
    await both.client.data(operations.accept, { token: (await invite(bob, both.email)).token });

    const inAlice = both.client.inWorkspace(alice.workspaceId);
    const inBob = both.client.inWorkspace(bob.workspaceId.toUpperCase());

    expect(await memberIds(inAlice)).toEqual([alice.userId, both.userId].sort());
    expect(await memberIds(inBob)).toEqual([bob.userId, both.userId].sort());
    expect((await inBob.data(`{ me { role } }`)).me.role).toBe('MEMBER');
    // Without a header, the workspace joined first.
    expect(await memberIds(both.client.inWorkspace(undefined))).toEqual([alice.userId, both.userId].sort());
  });

  describe('invitations', () => {
    it('refuses to let another e-mail accept an invitation (FORBIDDEN) and keeps it for the invitee', async () => {
      const alice = await newUser(server);
      const invitee = await newUser(server);
      const stranger = await newUser(server);
      const { token } = await invite(alice, invitee.email);

      expectCode(await stranger.client.request(operations.accept, { token }), 'FORBIDDEN');
      const otherEmail = uniqueEmail('other');
      const signedUp = await new TestClient(server).request(signUpMutation, {
        input: {
          email: otherEmail,
          password: 'a long enough password',
          name: 'Other',
          invitationToken: token,
        },
      });
      expectCode(signedUp, 'FORBIDDEN');
      expect(await rowCount(server.databaseUrl, 'app_user', 'email = $1', [otherEmail])).toBe(0);

      expect(await memberIds(alice.client)).toEqual([alice.userId]);
      expect((await invitee.client.data(operations.accept, { token })).acceptInvitation.id).toBe(
        alice.workspaceId,
      );
      expect(await memberIds(alice.client)).toEqual([alice.userId, invitee.userId].sort());
    });

    it('refuses an expired invitation with BAD_USER_INPUT', async () => {
      const alice = await newUser(server);
      const invitee = await newUser(server);
      const newcomer = uniqueEmail('late');
      const existing = await invite(alice, invitee.email);
      const forNewcomer = await invite(alice, newcomer);
      await query(
        server.databaseUrl,
        `update invitation set expires_at = now() - interval '1 second' where workspace_id = $1`,
        [alice.workspaceId],
      );

      expectBadInput(await invitee.client.request(operations.accept, { token: existing.token }), ['token']);
      const signedUp = await new TestClient(server).request(signUpMutation, {
        input: {
          email: newcomer,
          password: 'a long enough password',
          name: 'Late',
          invitationToken: forNewcomer.token,
        },
      });
      expectBadInput(signedUp, ['input', 'invitationToken']);

      expect(await memberIds(alice.client)).toEqual([alice.userId]);
      expect(await rowCount(server.databaseUrl, 'app_user', 'email = $1', [newcomer])).toBe(0);
    });

    it('refuses a used invitation with BAD_USER_INPUT, even after the invitee left', async () => {
      const alice = await newUser(server);
      const invitee = await newUser(server);
      const { token } = await invite(alice, invitee.email, 'ADMIN');
      await invitee.client.data(operations.accept, { token });

      expectBadInput(await invitee.client.request(operations.accept, { token }), ['token']);
      await invitee.client.inWorkspace(alice.workspaceId).data(operations.leave);
      expectBadInput(await invitee.client.request(operations.accept, { token }), ['token']);

      expect(await memberIds(alice.client)).toEqual([alice.userId]);
    });
  });
});
