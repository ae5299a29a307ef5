import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, signUpMutation, TestClient, uniqueEmail, type SignedUpUser } from '../support/client.js';
import { query, rowCount } from '../support/database.js';
import { columnOf, defineObject, errorOf, expectBadInput, objectId, tableOf } from '../support/records.js';
import { newServer, useServer, type TestServer } from '../support/server.js';
import { eventually, newSocketClient } from '../support/ws.js';

// Issue 11, findings 3 and 11: keys that shadow JavaScript built-ins, text PostgreSQL
// cannot store, and archived required fields — each refused with a code naming the
// field, or accepted, and never an internal error.

const NUL = 'a\u0000b';

const server = useServer();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server);
});

const createField = `mutation ($input: CreateFieldInput!) { createField(input: $input) { id key } }`;
const createObject = `mutation ($input: CreateObjectInput!) { createObject(input: $input) { id key } }`;

describe('reserved object and field keys', () => {
  const keys = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'presence', 'id'];

  it.each(keys)('refuses a field keyed %s, naming the key', async (key) => {
    const response = await owner.client.request(createField, {
      input: { object: 'company', key, label: key, type: 'TEXT' },
    });
    expectBadInput(response, ['input', 'key']);
    expect(errorOf(response).message).toContain(`“${key}”`);
  });

  it.each(['__proto__', '__defineGetter__', 'constructor', 'presence'])(
    'refuses an object keyed %s, naming the key',
    async (key) => {
      const response = await owner.client.request(createObject, { input: { key, labelSingular: 'Thing' } });
      expectBadInput(response, ['input', 'key']);
      expect(errorOf(response).message).toContain(`“${key}”`);
    },
  );

  it('keeps creating and filtering an object whose inputs are passed as variables', async () => {
    const created = await owner.client.data<{ createCompany: { id: string } }>(
      `mutation ($input: CompanyCreateInput!) { createCompany(input: $input) { id } }`,
      { input: { name: 'Prototype Ltd' } },
    );
    const { companies } = await owner.client.data<{ companies: { edges: { node: { id: string } }[] } }>(
      `query ($filter: CompanyFilter) { companies(filter: $filter) { edges { node { id } } } }`,
      { filter: { name: { eq: 'Prototype Ltd' } } },
    );
    expect(companies.edges.map((e) => e.node.id)).toEqual([created.createCompany.id]);
  });
});

interface NulCase {
  what: string;
  as: 'nobody' | 'owner';
  query: string;
  variables: Record<string, unknown>;
  path: string[];
}

const nulCases: NulCase[] = [
  {
    what: 'signIn email',
    as: 'nobody',
    query: `mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`,
    variables: { input: { email: `x${NUL}@example.test`, password: 'a long enough password' } },
    path: ['input', 'email'],
  },
  {
    what: 'signIn password',
    as: 'nobody',
    query: `mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`,
    variables: { input: { email: 'x@example.test', password: `a long enough ${NUL}` } },
    path: ['input', 'password'],
  },
  {
    what: 'signUp name',
    as: 'nobody',
    query: signUpMutation,
    variables: { input: { email: uniqueEmail('nul'), password: 'a long enough password', name: NUL } },
    path: ['input', 'name'],
  },
  {
    what: 'signUp email',
    as: 'nobody',
    query: signUpMutation,
    variables: { input: { email: `n${NUL}@example.test`, password: 'a long enough password', name: 'N' } },
    path: ['input', 'email'],
  },
  {
    what: 'createWorkspace name',
    as: 'owner',
    query: `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`,
    variables: { input: { name: NUL } },
    path: ['input', 'name'],
  },
  {
    what: 'updateWorkspace name',
    as: 'owner',
    query: `mutation ($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { id } }`,
    variables: { input: { name: NUL } },
    path: ['input', 'name'],
  },
  {
    what: 'createApiToken name',
    as: 'owner',
    query: `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
    variables: { input: { name: NUL } },
    path: ['input', 'name'],
  },
  {
    what: 'inviteMember email',
    as: 'owner',
    query: `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
    variables: { input: { email: `i${NUL}@example.test`, role: 'MEMBER' } },
    path: ['input', 'email'],
  },
  {
    what: 'acceptInvitation token',
    as: 'owner',
    query: `mutation ($token: String!) { acceptInvitation(token: $token) { id } }`,
    variables: { token: NUL },
    path: ['token'],
  },
  {
    what: 'createObject label',
    as: 'owner',
    query: createObject,
    variables: { input: { key: 'nulThing', labelSingular: NUL } },
    path: ['input', 'labelSingular'],
  },
  {
    what: 'createField helpText',
    as: 'owner',
    query: createField,
    variables: { input: { object: 'company', key: 'nulField', label: 'Nul', type: 'TEXT', helpText: NUL } },
    path: ['input', 'helpText'],
  },
  {
    what: 'createCompany name',
    as: 'owner',
    query: `mutation ($input: CompanyCreateInput!) { createCompany(input: $input) { id } }`,
    variables: { input: { name: NUL } },
    path: ['input', 'name'],
  },
  {
    what: 'companies filter',
    as: 'owner',
    query: `query ($filter: CompanyFilter) { companies(filter: $filter) { totalCount } }`,
    variables: { filter: { or: [{ name: { contains: NUL } }] } },
    path: ['filter', 'or', '0', 'name', 'contains'],
  },
  {
    what: 'companies search',
    as: 'owner',
    query: `query ($search: String) { companies(search: $search) { totalCount } }`,
    variables: { search: NUL },
    path: ['search'],
  },
  {
    what: 'createView JSON filter (jsonb)',
    as: 'owner',
    query: `mutation ($input: CreateViewInput!) { createView(input: $input) { id } }`,
    variables: { input: { object: 'company', name: 'Nul', type: 'TABLE', filter: { name: { eq: NUL } } } },
    path: ['input', 'filter', 'name', 'eq'],
  },
  {
    what: 'a lone surrogate in createCompany',
    as: 'owner',
    query: `mutation ($input: CompanyCreateInput!) { createCompany(input: $input) { id } }`,
    variables: { input: { name: 'half \uD83D' } },
    path: ['input', 'name'],
  },
];

const countedTables = ['app_user', 'workspace', 'membership', 'session', 'api_token', 'invitation'];

async function accountCounts() {
  return Promise.all(countedTables.map((table) => rowCount(server.databaseUrl, table)));
}

describe('text PostgreSQL cannot store', () => {
  it.each(nulCases)('refuses $what as BAD_USER_INPUT naming the field', async (c) => {
    const client = c.as === 'owner' ? owner.client : new TestClient(server);
    const companies = tableOf(owner.workspaceId, await objectId(owner.client, 'company'));
    const before = [await accountCounts(), await rowCount(server.databaseUrl, companies)];
    const response = await client.request(c.query, c.variables);
    expectBadInput(response, c.path);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toMatch(/insert|select|update .* set/i);
    expect([await accountCounts(), await rowCount(server.databaseUrl, companies)]).toEqual(before);
  });

  it('refuses a \\u0000 escape in a literal argument, naming the argument', async () => {
    const response = await owner.client.request(
      `mutation { createCompany(input: { name: "lit\\u0000eral" }) { id } }`,
    );
    expectBadInput(response, ['input', 'name']);
  });

  it('refuses it over graphql-ws too, as BAD_USER_INPUT', async () => {
    const socket = newSocketClient(server, { cookie: owner.client.cookie, workspaceId: owner.workspaceId });
    try {
      const errors = await new Promise<unknown[]>((resolve, reject) => {
        socket.client.subscribe(
          {
            query: `mutation ($input: CompanyCreateInput!) { createCompany(input: $input) { id } }`,
            variables: { input: { name: NUL } },
          },
          {
            next: () => reject(new Error('expected an error')),
            error: (e) => resolve(e as unknown[]),
            complete: () => {},
          },
        );
      });
      expect(errors[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', argumentPath: ['input', 'name'] },
      });
    } finally {
      await socket.client.dispose();
    }
  });
});

describe('archiving a required field', () => {
  it('lets records be created without it, and asks for it again once restored', async () => {
    const object = await defineObject(owner.client, { key: 'vessel', labelSingular: 'Vessel' }, [
      { key: 'hull', type: 'TEXT', required: true },
    ]);
    const create = `mutation ($input: VesselCreateInput!) { createVessel(input: $input) { id } }`;
    expectBadInput(await owner.client.request(create, { input: { name: 'No hull' } }), ['input', 'hull']);

    await owner.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, {
      id: object.fields.hull,
    });
    const created = await owner.client.request(create, { input: { name: 'Archived hull' } });
    expect(created.body.errors).toBeUndefined();
    const [row] = await query<{ n: string }>(
      server.databaseUrl,
      `select count(*) as n from ${tableOf(owner.workspaceId, object.id)}`,
    );
    expect(Number(row!.n)).toBe(1);

    await owner.client.data(`mutation ($id: ID!) { restoreField(id: $id) { id } }`, {
      id: object.fields.hull,
    });
    expectBadInput(await owner.client.request(create, { input: { name: 'Hull again' } }), ['input', 'hull']);
    const withHull = await owner.client.request(create, { input: { name: 'With hull', hull: 'steel' } });
    expect(withHull.body.errors).toBeUndefined();
    // The record made while the field was archived can still be edited without it.
    const renamed = await owner.client.request(
      `mutation ($id: ID!) { updateVessel(id: $id, input: { name: "Renamed" }) { name } }`,
      { id: (created.body.data as { createVessel: { id: string } }).createVessel.id },
    );
    expect(renamed.body).toEqual({ data: { updateVessel: { name: 'Renamed' } } });
  });
});

describe('a failed statement in the log', () => {
  // Finding 11: an internal error used to log the statement with the user's values inlined.
  const lines: string[] = [];
  let logged: TestServer;
  beforeAll(async () => {
    logged = await newServer({ LOG_LEVEL: 'info' }, { write: (line: string) => void lines.push(line) });
  });
  afterAll(() => logged.close());

  it('logs an internal database error at info level without its SQL or the values', async () => {
    const user = await newUser(logged);
    const { object } = await user.client.data<{
      object: { id: string; fields: { id: string; key: string }[] };
    }>(`{ object(key: "company") { id fields { id key } } }`);
    const name = object.fields.find((f) => f.key === 'name')!;
    // A rule the server does not know, so its violation is an internal error, not a field's.
    await query(
      logged.databaseUrl,
      `create unique index company_name_lower on ${tableOf(user.workspaceId, object.id)} (lower(${columnOf(name.id)}))`,
    );
    const create = `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`;
    await user.client.data(create, { name: 'Confidential Customer' });
    const since = lines.length;

    const answer = await user.client.request(create, { name: 'CONFIDENTIAL customer' });

    expect(errorOf(answer)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error.',
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/confidential|insert/i);
    const entries = () =>
      lines.slice(since).map((line) => JSON.parse(line) as { msg: string; err?: Record<string, unknown> });
    await eventually(() => entries().some((e) => e.msg === 'internal error'), 10_000);
    const entry = entries().find((e) => e.msg === 'internal error');
    expect(entry?.err).toMatchObject({
      code: '23505',
      message: expect.stringMatching(/^duplicate key value/),
    });
    const written = lines.slice(since).join('');
    expect(written).not.toMatch(/confidential/i);
    expect(written).not.toMatch(/insert into|select |Key \(/i);
  });
});
