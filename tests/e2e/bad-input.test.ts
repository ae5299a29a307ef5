import { describe, expect, it } from 'vitest';
import {
  createApiToken,
  newUser,
  signUpMutation,
  TestClient,
  uniqueEmail,
  type GraphQLResponse,
  type SignedUpUser,
} from '../support/client.js';
import { query, rowCount } from '../support/database.js';
import { errorOf, expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';

// Every identity mutation refuses invalid input with a code and the offending field's
// path, writes nothing, and never leaks a stack trace or SQL.

const mutations = {
  signUp: signUpMutation,
  signIn: `mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`,
  createWorkspace: `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id name } }`,
  updateWorkspace: `mutation ($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { name } }`,
  deleteWorkspace: `mutation ($confirmName: String!) { deleteWorkspace(confirmName: $confirmName) }`,
  inviteMember: `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
  revokeInvitation: `mutation ($id: ID!) { revokeInvitation(id: $id) }`,
  acceptInvitation: `mutation ($token: String!) { acceptInvitation(token: $token) { id } }`,
  updateMemberRole: `mutation ($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { role } }`,
  removeMember: `mutation ($userId: ID!) { removeMember(userId: $userId) }`,
  createApiToken: `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
  revokeApiToken: `mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`,
};

const password = 'a long enough password';
const tooLong = 'x'.repeat(101);
const sqlText = `'; drop table app_user; --`;

interface Case {
  mutation: keyof typeof mutations;
  what: string;
  /** Signed out, or the owner of a fresh workspace. */
  as: 'nobody' | 'owner';
  variables: (owner: SignedUpUser) => Record<string, unknown>;
  path: string[];
  /** Tables whose rows must be exactly the same afterwards. */
  tables: string[];
}

const accountTables = ['app_user', 'workspace', 'membership', 'session'];

/** The owner's attempts at `mutation`: what → [variables, dotted path of the refused field]. */
function ownerCases(
  mutation: Case['mutation'],
  tables: string[],
  attempts: Record<string, [Record<string, unknown>, string]>,
): Case[] {
  return Object.entries(attempts).map(([what, [variables, path]]) => ({
    mutation,
    what,
    as: 'owner',
    variables: () => variables,
    path: path.split('.'),
    tables,
  }));
}

function signUpCase(what: string, input: Record<string, unknown>, field: string): Case {
  const variables = () => ({ input: { email: uniqueEmail('bad'), password, name: 'Bad Input', ...input } });
  return { mutation: 'signUp', what, as: 'nobody', variables, path: ['input', field], tables: accountTables };
}

function signInCase(what: string, input: (email: string) => Record<string, unknown>, field: string): Case {
  const variables = (owner: SignedUpUser) => ({ input: input(owner.email) });
  return { mutation: 'signIn', what, as: 'nobody', variables, path: ['input', field], tables: ['session'] };
}

const names = {
  'an empty name': [{ input: { name: '' } }, 'input.name'],
  'a blank name': [{ input: { name: ' \t ' } }, 'input.name'],
  'a 101-character name': [{ input: { name: tooLong } }, 'input.name'],
} satisfies Record<string, [Record<string, unknown>, string]>;
const invitation = { email: uniqueEmail('invitee'), role: 'MEMBER' };
const notAnId = 'not-a-uuid';

const cases: Case[] = [
  signUpCase('a malformed e-mail', { email: 'not-an-email' }, 'email'),
  signUpCase('a short password', { password: 'short' }, 'password'),
  signUpCase('an empty name', { name: '' }, 'name'),
  signUpCase('a blank name', { name: '   ' }, 'name'),
  signUpCase('a 101-character workspace name', { workspaceName: tooLong }, 'workspaceName'),
  signUpCase('a blank workspace name', { workspaceName: ' \t ' }, 'workspaceName'),
  signInCase('an over-long e-mail', (email) => ({ email: 'x'.repeat(250) + email, password }), 'email'),
  signInCase('an over-long password', (email) => ({ email, password: 'x'.repeat(201) }), 'password'),
  ...ownerCases('createWorkspace', ['workspace', 'membership'], names),
  ...ownerCases('updateWorkspace', ['workspace'], names),
  ...ownerCases('deleteWorkspace', ['workspace', 'membership'], {
    'the wrong confirmation name': [{ confirmName: 'Not the name' }, 'confirmName'],
    'SQL as the confirmation name': [{ confirmName: sqlText }, 'confirmName'],
  }),
  ...ownerCases('inviteMember', ['invitation'], {
    'a malformed e-mail': [{ input: { ...invitation, email: 'nope' } }, 'input.email'],
    'expiresInDays 0': [{ input: { ...invitation, expiresInDays: 0 } }, 'input.expiresInDays'],
    'expiresInDays 31': [{ input: { ...invitation, expiresInDays: 31 } }, 'input.expiresInDays'],
  }),
  ...ownerCases('revokeInvitation', ['invitation'], { 'an id that is not a UUID': [{ id: notAnId }, 'id'] }),
  ...ownerCases('acceptInvitation', ['invitation', 'membership'], {
    'an unknown token': [{ token: 'crm_i_unknown' }, 'token'],
  }),
  ...ownerCases('updateMemberRole', ['membership'], {
    'a userId that is not a UUID': [{ input: { userId: notAnId, role: 'VIEWER' } }, 'input.userId'],
  }),
  ...ownerCases('removeMember', ['membership', 'api_token'], {
    'a userId that is not a UUID': [{ userId: notAnId }, 'userId'],
  }),
  ...ownerCases('createApiToken', ['api_token'], {
    ...names,
    'expiresInDays 0': [{ input: { name: 'ci', expiresInDays: 0 } }, 'input.expiresInDays'],
  }),
  ...ownerCases('revokeApiToken', ['api_token'], {
    'an id that is not a UUID': [{ id: `1' or '1'='1` }, 'id'],
  }),
];

/** Fails if the answer carries a stack trace, a source location or SQL. */
function expectNoInternals(answer: GraphQLResponse): void {
  const text = JSON.stringify(answer.body);
  expect(text).not.toMatch(/stacktrace|node_modules|\.[jt]s:\d+|\n\s+at /i);
  expect(text).not.toMatch(
    /\b(select .* from|insert into|update \w+ set|delete from)\b|violates|constraint|relation "/i,
  );
}

describe('bad input to identity mutations', () => {
  const server = useServer();

  async function snapshot(tables: string[]): Promise<unknown[]> {
    return Promise.all(
      tables.map((table) => query(server.databaseUrl, `select * from ${table} order by id`)),
    );
  }

  it.each(cases)('$mutation refuses $what', async ({ mutation, as, variables, path, tables }) => {
    const owner = await newUser(server);
    await createApiToken(owner.client);
    const client = as === 'owner' ? owner.client : new TestClient(server);
    const before = await snapshot(tables);

    const answer = await client.request(mutations[mutation], variables(owner));

    expectBadInput(answer, path);
    expect(answer.body.data ?? null).toBeNull();
    expectNoInternals(answer);
    expect(await snapshot(tables)).toEqual(before);
  });

  it('lists every failing field of an input, each with its path', async () => {
    const answer = await new TestClient(server).request(signUpMutation, {
      input: { email: 'nope', password: 'short', name: '' },
    });

    expectBadInput(answer, ['input', 'email']);
    const fields = errorOf(answer).extensions.fields as { argumentPath: string[]; field: string }[];
    expect(fields.map((f) => f.argumentPath)).toEqual([
      ['input', 'email'],
      ['input', 'password'],
      ['input', 'name'],
    ]);
    expectNoInternals(answer);
  });

  it('stores SQL-looking workspace names as plain text and reads them back unchanged', async () => {
    const owner = await newUser(server, { workspaceName: sqlText });
    const tricky = `Robert'); DROP TABLE workspace;-- "quoted" \\ $1 %s`;

    const { createWorkspace } = await owner.client.data(mutations.createWorkspace, {
      input: { name: sqlText },
    });
    const renamed = await owner.client.data(mutations.updateWorkspace, { input: { name: tricky } });

    expect(createWorkspace.name).toBe(sqlText);
    expect(renamed.updateWorkspace.name).toBe(tricky);
    expect((await owner.client.data(`{ workspace { name } }`)).workspace.name).toBe(tricky);
    const inNew = owner.client.inWorkspace(createWorkspace.id);
    expect((await inNew.data(`{ workspace { name } }`)).workspace.name).toBe(sqlText);
    const rows = await query<{ name: string }>(
      server.databaseUrl,
      'select name from workspace where id = any($1) order by name',
      [[owner.workspaceId, createWorkspace.id]],
    );
    expect(rows.map((r) => r.name).sort()).toEqual([sqlText, tricky].sort());
    expect(await rowCount(server.databaseUrl, 'app_user', 'id = $1', [owner.userId])).toBe(1);
    // And the name confirms the deletion exactly as typed.
    expect(await inNew.data(mutations.deleteWorkspace, { confirmName: sqlText })).toEqual({
      deleteWorkspace: true,
    });
  });
});
