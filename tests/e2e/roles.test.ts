import { describe, expect, it } from 'vitest';
import {
  createApiToken,
  newMember,
  newUser,
  tokenClient,
  uniqueEmail,
  type GraphQLResponse,
  type SignedUpUser,
} from '../support/client.js';
import { query, rowCount } from '../support/database.js';
import { expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';

// What each role may do in a workspace, and the rules that keep a workspace owned.

type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';
const roles: Role[] = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'];

const operations = {
  rename: `mutation ($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { name } }`,
  invite: `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } } }`,
  setRole: `mutation ($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { role } }`,
  remove: `mutation ($userId: ID!) { removeMember(userId: $userId) }`,
  leave: `mutation { leaveWorkspace }`,
  delete: `mutation ($confirmName: String!) { deleteWorkspace(confirmName: $confirmName) }`,
  members: `{ members { user { id } role } }`,
  createToken: `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { id } } }`,
};

/** A workspace with its owner, someone acting with `role` (the owner for OWNER) and a plain member. */
interface Team {
  owner: SignedUpUser;
  actor: SignedUpUser;
  target: SignedUpUser;
  workspaceName: string;
}

/** The members of the owner's workspace as userId → role. */
async function rolesIn(owner: SignedUpUser): Promise<Record<string, string>> {
  const { members } = await owner.client.data<{ members: { user: { id: string }; role: string }[] }>(
    operations.members,
  );
  return Object.fromEntries(members.map((m) => [m.user.id, m.role]));
}

interface Right {
  name: string;
  allowed: Role[];
  attempt(team: Team): Promise<GraphQLResponse>;
  /** Whether the attempt took effect, read back through the owner or the database. */
  tookEffect(team: Team, answer: GraphQLResponse): Promise<boolean>;
}

const rights: Right[] = [
  {
    name: 'rename the workspace',
    allowed: ['OWNER', 'ADMIN'],
    attempt: ({ actor }) => actor.client.request(operations.rename, { input: { name: 'Renamed' } }),
    tookEffect: async ({ owner }) =>
      (await owner.client.data(`{ workspace { name } }`)).workspace.name === 'Renamed',
  },
  {
    name: 'invite a member',
    allowed: ['OWNER', 'ADMIN'],
    attempt: ({ actor }) =>
      actor.client.request(operations.invite, { input: { email: uniqueEmail('invitee'), role: 'MEMBER' } }),
    tookEffect: async ({ owner }) =>
      (await owner.client.data(`{ invitations { id } }`)).invitations.length === 1,
  },
  {
    name: 'change a member’s role',
    allowed: ['OWNER', 'ADMIN'],
    attempt: ({ actor, target }) =>
      actor.client.request(operations.setRole, { input: { userId: target.userId, role: 'VIEWER' } }),
    tookEffect: async ({ owner, target }) => (await rolesIn(owner))[target.userId] === 'VIEWER',
  },
  {
    name: 'remove a member',
    allowed: ['OWNER', 'ADMIN'],
    attempt: ({ actor, target }) => actor.client.request(operations.remove, { userId: target.userId }),
    tookEffect: async ({ owner, target }) => !(target.userId in (await rolesIn(owner))),
  },
  {
    name: 'make someone owner',
    allowed: ['OWNER'],
    attempt: ({ actor, target }) =>
      actor.client.request(operations.setRole, { input: { userId: target.userId, role: 'OWNER' } }),
    tookEffect: async ({ owner, target }) => (await rolesIn(owner))[target.userId] === 'OWNER',
  },
  {
    name: 'delete the workspace',
    allowed: ['OWNER'],
    attempt: ({ actor, workspaceName }) =>
      actor.client.request(operations.delete, { confirmName: workspaceName }),
    tookEffect: async ({ owner }) =>
      (await rowCount(owner.client.server.databaseUrl, 'workspace', 'id = $1', [owner.workspaceId])) === 0,
  },
  {
    name: 'read the members',
    allowed: roles,
    attempt: ({ actor }) => actor.client.request(operations.members),
    tookEffect: async ({ target }, answer) =>
      JSON.stringify(answer.body.data?.members ?? []).includes(target.userId),
  },
  {
    name: 'create an API token',
    allowed: roles,
    attempt: ({ actor }) => actor.client.request(operations.createToken, { input: { name: 'mine' } }),
    tookEffect: async ({ actor }) => (await actor.client.data(`{ apiTokens { id } }`)).apiTokens.length === 1,
  },
];

describe('roles', () => {
  const server = useServer();

  async function newTeam(role: Role): Promise<Team> {
    const workspaceName = `Team ${uniqueEmail('ws')}`;
    const owner = await newUser(server, { workspaceName });
    const actor = role === 'OWNER' ? owner : await newMember(server, owner, role);
    return { owner, actor, target: await newMember(server, owner, 'MEMBER'), workspaceName };
  }

  describe.each(roles)('a workspace %s', (role) => {
    const cases = rights.map((right) => ({
      ...right,
      verdict: right.allowed.includes(role) ? 'may' : 'may not',
    }));
    it.each(cases)('$verdict $name', async (right) => {
      const team = await newTeam(role);

      const answer = await right.attempt(team);

      if (right.allowed.includes(role)) {
        expect(answer.body.errors).toBeUndefined();
        expect(await right.tookEffect(team, answer)).toBe(true);
      } else {
        expectCode(answer, 'FORBIDDEN');
        expect(await right.tookEffect(team, answer)).toBe(false);
      }
    });
  });

  it('keeps the last owner: they cannot be demoted, removed or leave (CONFLICT)', async () => {
    const { owner } = await newTeam('OWNER');

    const demoted = await owner.client.request(operations.setRole, {
      input: { userId: owner.userId, role: 'ADMIN' },
    });
    const removed = await owner.client.request(operations.remove, { userId: owner.userId });
    const left = await owner.client.request(operations.leave);

    for (const answer of [demoted, removed, left]) expectCode(answer, 'CONFLICT');
    expect((await rolesIn(owner))[owner.userId]).toBe('OWNER');
  });

  it('lets an owner leave once there is another owner', async () => {
    const { owner, target } = await newTeam('OWNER');
    await owner.client.data(operations.setRole, { input: { userId: target.userId, role: 'OWNER' } });

    expect(await owner.client.data(operations.leave)).toEqual({ leaveWorkspace: true });

    expect(await rolesIn(target)).toEqual({ [target.userId]: 'OWNER' });
  });

  it('does not let an admin grant, invite to, demote or remove an owner (FORBIDDEN)', async () => {
    const { owner, actor: admin, target } = await newTeam('ADMIN');
    const before = await rolesIn(owner);

    const answers = [
      await admin.client.request(operations.setRole, { input: { userId: target.userId, role: 'OWNER' } }),
      await admin.client.request(operations.setRole, { input: { userId: admin.userId, role: 'OWNER' } }),
      await admin.client.request(operations.invite, { input: { email: uniqueEmail('boss'), role: 'OWNER' } }),
      await admin.client.request(operations.setRole, { input: { userId: owner.userId, role: 'MEMBER' } }),
      await admin.client.request(operations.remove, { userId: owner.userId }),
    ];

    for (const answer of answers) expectCode(answer, 'FORBIDDEN');
    expect(await rolesIn(owner)).toEqual(before);
    expect((await owner.client.data(`{ invitations { id } }`)).invitations).toEqual([]);
  });

  it('ends every member’s access and drops the records when the owner deletes the workspace', async () => {
    const { owner, target: member, workspaceName } = await newTeam('OWNER');
    const token = await createApiToken(member.client);
    const [row] = await query<{ schema_name: string }>(
      server.databaseUrl,
      'select schema_name from workspace where id = $1',
      [owner.workspaceId],
    );

    expect(await owner.client.data(operations.delete, { confirmName: workspaceName })).toEqual({
      deleteWorkspace: true,
    });

    expectCode(await member.client.request(operations.members), 'FORBIDDEN');
    expect((await tokenClient(server, token.token).request(operations.members)).status).toBe(401);
    expect(
      (await owner.client.inWorkspace(undefined).data(`{ me { memberships { role } } }`)).me.memberships,
    ).toEqual([]);
    expect(
      await rowCount(server.databaseUrl, 'information_schema.schemata', 'schema_name = $1', [
        row!.schema_name,
      ]),
    ).toBe(0);
  });

  it('lets any member leave on their own', async () => {
    const { owner, actor: viewer } = await newTeam('VIEWER');

    expect(await viewer.client.data(operations.leave)).toEqual({ leaveWorkspace: true });

    expect(viewer.userId in (await rolesIn(owner))).toBe(false);
    expectCode(await viewer.client.request(operations.members), 'FORBIDDEN');
  });

  it('revokes a removed member’s API tokens in that workspace, and only there', async () => {
    const { owner, target: member } = await newTeam('OWNER');
    const here = await createApiToken(member.client);
    const { createWorkspace } = await member.client.data(
      `mutation { createWorkspace(input: { name: "Own" }) { id } }`,
    );
    const elsewhere = await createApiToken(member.client.inWorkspace(createWorkspace.id));

    await owner.client.data(operations.remove, { userId: member.userId });

    // Refused even after they rejoin: the token was revoked, not just orphaned.
    const { inviteMember } = await owner.client.data(
      `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
      {
        input: { email: member.email, role: 'MEMBER' },
      },
    );
    await member.client.data(`mutation ($token: String!) { acceptInvitation(token: $token) { id } }`, {
      token: inviteMember.token,
    });
    const refused = await tokenClient(server, here.token).request(operations.members);
    expect(refused.status).toBe(401);
    expectCode(refused, 'UNAUTHENTICATED');
    const stillWorks = await tokenClient(server, elsewhere.token).data(`{ me { currentWorkspace { id } } }`);
    expect(stillWorks.me.currentWorkspace.id).toBe(createWorkspace.id);
  });
});
