import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCoreSchema } from '../../app/index.js';
import type { RequestContext } from '../../identity/index.js';
import type { WorkspaceMetadata } from '../../metadata/index.js';
import { createEventBus } from '../../platform/index.js';
import { buildRecordsSchema } from './build.js';
import {
  contextFor,
  FakeRecordStore,
  ids,
  realEstateMetadata,
  Role,
  type StoreCall,
  users,
} from './test-fixtures.testing.js';
import type { ListArgs } from '../api.js';

let core: GraphQLSchema;
let metadata: WorkspaceMetadata;
let store: FakeRecordStore;
let schema: GraphQLSchema;

beforeAll(async () => {
  core = await buildCoreSchema(createEventBus().bus);
});

beforeEach(() => {
  metadata = realEstateMetadata();
  store = new FakeRecordStore(metadata);
  schema = buildRecordsSchema(core, metadata, store);
});

async function run(source: string, ctx: RequestContext, variableValues?: Record<string, unknown>) {
  return (await graphql({ schema, source, contextValue: ctx, variableValues })) as ExecutionResult<
    Record<string, unknown>
  >;
}

function codes(result: ExecutionResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions.code);
}

function seedPeople(n: number) {
  return Array.from({ length: n }, (_, i) => store.seed(ids.person, { name: `Person ${i}` }));
}

describe('queries', () => {
  it('passes list arguments to the store, on null-prototype objects with parsed ids', async () => {
    const ctx = contextFor(Role.VIEWER);
    const seller = 'AAAAAAAA-0000-4000-8000-000000000001';
    const result = await run(
      `query($filter: PropertyFilter) {
        properties(filter: $filter, sort: [{field: askingPrice, direction: DESC, nulls: LAST}, {field: createdAt}],
                   first: 10, after: "c:x", search: "  loft  ", includeDeleted: true) { nodes { id } }
      }`,
      ctx,
      {
        filter: {
          or: [{ status: { in: ['new'] } }, { askingPrice: { gte: 1000 } }],
          seller: { eq: seller, is: { manager: { isEmpty: true } } },
          viewers: { some: { name: { contains: 'Ada' } } },
          availableOn: { lt: '2026-06-01' },
        },
      },
    );
    expect(result.errors).toBeUndefined();
    const [call] = store.callsTo('list');
    expect(call!.object).toBe('property');
    expect(call!.ctx).toEqual({
      em: ctx.em,
      metadata,
      actorId: users[0]!.id,
      timeZone: null,
      filterLimits: undefined,
      // Who wrote, for the audit log: the request's address, agent and API token.
      origin: { address: '127.0.0.1', userAgent: undefined, tokenId: undefined },
      statements: expect.any(Object),
    });
    expect(call!.args).toEqual({
      filter: {
        or: [{ status: { in: ['new'] } }, { askingPrice: { gte: 1000 } }],
        seller: { eq: seller.toLowerCase(), is: { manager: { isEmpty: true } } },
        viewers: { some: { name: { contains: 'Ada' } } },
        availableOn: { lt: '2026-06-01' },
      },
      sort: [
        { field: 'askingPrice', direction: 'DESC', nulls: 'LAST' },
        { field: 'createdAt', direction: 'ASC' },
      ],
      first: 10,
      after: 'c:x',
      search: '  loft  ',
      includeDeleted: true,
      // Only the fields the query reads are selected.
      fields: new Set(['id']),
    });
    // Null prototype: no key of the filter can read as a built-in (issue 11, finding 3).
    expect(Object.getPrototypeOf((call!.args as { filter: object }).filter)).toBeNull();
  });

  it('uses the defaults: 50 records, deleted ones left out', async () => {
    await run('{ properties { nodes { id } } }', contextFor(Role.VIEWER));
    await run('{ properties(first: null, includeDeleted: null) { nodes { id } } }', contextFor(Role.VIEWER));
    expect(store.callsTo('list')[1]!.args).toEqual(store.callsTo('list')[0]!.args);
    expect(store.callsTo('list')[0]!.args).toEqual({
      filter: null,
      sort: null,
      first: 50,
      after: null,
      search: null,
      includeDeleted: false,
      fields: new Set(['id']),
    });
  });

  it('asks the store for the fields the whole operation reads of the object, or all of them', async () => {
    const ctx = contextFor(Role.VIEWER);
    await run(
      `{ people { nodes { name ...more } } other: people(first: 1) { edges { node { managerId } } } }
       fragment more on Person { manager { name } listings { title } }`,
      ctx,
    );
    const fieldsOf = (call: StoreCall | undefined) => (call?.args as ListArgs).fields;
    expect(store.callsTo('list')).toHaveLength(2);
    for (const call of store.callsTo('list'))
      expect(fieldsOf(call)).toEqual(new Set(['id', 'name', 'manager', 'listings']));
    expect(store.callsTo('list').map((c) => (c.args as ListArgs).page)).toEqual([undefined, undefined]);
    // Only the count: the page is not read.
    await run('{ properties { totalCount } }', ctx);
    expect(fieldsOf(store.callsTo('list').at(-1))).toEqual(new Set(['id']));
    expect((store.callsTo('list').at(-1)!.args as ListArgs).page).toBe(false);
  });

  it('serves the connection and counts only when totalCount is asked for', async () => {
    const rows = seedPeople(3);
    const ctx = contextFor(Role.VIEWER);
    const page = await run(
      '{ people(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
      ctx,
    );
    expect(page.data).toEqual({
      people: {
        edges: rows.slice(0, 2).map((r) => ({ cursor: `c:${r.id}`, node: { id: r.id } })),
        pageInfo: { hasNextPage: true, endCursor: `c:${rows[1]!.id}` },
      },
    });
    expect(store.countCalls).toBe(0);
    const counted = await run('{ people { totalCount } }', ctx);
    expect(counted.data).toEqual({ people: { totalCount: 3 } });
    expect(store.countCalls).toBe(1);
  });

  it('serialises every value type', async () => {
    const row = store.seed(ids.property, {
      title: 'Loft',
      rooms: 3,
      askingPrice: { amount: 250000.5, currency: 'EUR' },
      furnished: true,
      availableOn: '2026-03-01',
      listedAt: new Date('2026-02-01T10:00:00Z'),
      status: 'new',
      features: null,
      condition: 4,
    });
    const result = await run(
      `query($id: ID!) { property(id: $id) { id version title rooms askingPrice { amount currency } furnished
         availableOn listedAt status features condition createdAt deletedAt } }`,
      contextFor(Role.VIEWER),
      { id: row.id },
    );
    // DateTime serialises to a Date that JSON turns into ISO text, as in the core schema.
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      data: {
        property: {
          id: row.id,
          version: 1,
          title: 'Loft',
          rooms: 3,
          askingPrice: { amount: 250000.5, currency: 'EUR' },
          furnished: true,
          availableOn: '2026-03-01',
          listedAt: '2026-02-01T10:00:00.000Z',
          status: 'new',
          features: [],
          condition: 4,
          createdAt: '2026-01-02T03:04:05.000Z',
          deletedAt: null,
        },
      },
    });
  });

  it('answers null for an id with no record', async () => {
    const result = await run(`{ property(id: "${ids.seller}") { id } }`, contextFor(Role.VIEWER));
    expect(result).toEqual({ data: { property: null } });
  });
});

describe('relations and users load in batches', () => {
  it('loads the sellers, the viewers and the users of N records with one call each', async () => {
    const people = seedPeople(4);
    for (let i = 0; i < 6; i++) {
      store.seed(ids.property, {
        title: `P${i}`,
        seller: people[i % 4]!.id,
        viewers: [people[0]!.id, people[(i + 1) % 4]!.id],
        agent: users[i % 2]!.id,
        createdBy: users[0]!.id,
      });
    }
    const ctx = contextFor(Role.VIEWER);
    const result = await run(
      `{ properties { nodes { title sellerId seller { name } viewers { name } agent { name } createdBy { email } } } }`,
      ctx,
    );
    expect(result.errors).toBeUndefined();
    const nodes = (result.data as { properties: { nodes: Record<string, unknown>[] } }).properties.nodes;
    expect(nodes).toHaveLength(6);
    expect(nodes[5]).toEqual({
      title: 'P5',
      sellerId: people[1]!.id,
      seller: { name: 'Person 1' },
      viewers: [{ name: 'Person 0' }, { name: 'Person 2' }],
      agent: { name: 'Bob' },
      createdBy: { email: 'ada@example.com' },
    });
    // The sellers came with the page (its to-one relations are embedded): no load by id follows.
    const [list] = store.callsTo('list');
    expect(
      (list!.args as ListArgs).embeds?.map((e) => [e.field.key, e.target.key, [...e.fields!].sort()]),
    ).toEqual([['seller', 'person', ['id', 'name']]]);
    expect(store.callsTo('getMany')).toHaveLength(0);
    expect(store.callsTo('related')).toHaveLength(1);
    expect((store.callsTo('related')[0]!.args as { parentIds: string[] }).parentIds).toHaveLength(6);
    expect(ctx.em.userQueries).toBe(1);
  });

  it('loads one-to-many and self relations in batches, nested', async () => {
    const people = seedPeople(5);
    for (const person of people) person.manager = people[0]!.id;
    for (let i = 0; i < 10; i++) store.seed(ids.property, { title: `P${i}`, seller: people[i % 5]!.id });
    const result = await run(
      '{ people { nodes { name manager { name } listings { title seller { name } } } } }',
      contextFor(Role.VIEWER),
    );
    expect(result.errors).toBeUndefined();
    const nodes = (result.data as { people: { nodes: { listings: unknown[] }[] } }).people.nodes;
    expect(nodes[2]).toEqual({
      name: 'Person 2',
      manager: { name: 'Person 0' },
      listings: [
        { title: 'P2', seller: { name: 'Person 2' } },
        { title: 'P7', seller: { name: 'Person 2' } },
      ],
    });
    expect(store.callsTo('related').map((c) => c.args)).toEqual([
      { field: 'listings', parentIds: people.map((p) => p.id) },
    ]);
    // The listed people were remembered, so managers and sellers needed no extra load.
    expect(store.callsTo('getMany')).toHaveLength(0);
  });
});

describe('mutations', () => {
  it('creates with the input as a null-prototype object and the caller as actor', async () => {
    const [seller] = seedPeople(1);
    const ctx = contextFor(Role.MEMBER);
    const result = await run(
      `mutation($input: PropertyCreateInput!) { createProperty(input: $input) { title createdBy { name } seller { name } } }`,
      ctx,
      {
        input: {
          title: 'Loft',
          status: 'new',
          askingPrice: { amount: 10 },
          seller: seller!.id,
          viewers: [seller!.id],
          owner: users[1]!.id,
          availableOn: '2026-03-01',
          listedAt: '2026-02-01T10:00:00Z',
        },
      },
    );
    expect(result).toEqual({
      data: { createProperty: { title: 'Loft', createdBy: { name: 'Ada' }, seller: { name: 'Person 0' } } },
    });
    const [call] = store.callsTo('create');
    expect(call!.ctx.actorId).toBe(users[0]!.id);
    expect(call!.args).toEqual({
      title: 'Loft',
      status: 'new',
      askingPrice: { amount: 10 },
      seller: seller!.id,
      viewers: [seller!.id],
      owner: users[1]!.id,
      availableOn: '2026-03-01',
      listedAt: new Date('2026-02-01T10:00:00Z'),
    });
    expect(Object.getPrototypeOf(call!.args)).toBeNull();
  });

  it('requires required fields without a default on create', async () => {
    const result = await run(
      'mutation { createProperty(input: {title: "x"}) { id } }',
      contextFor(Role.MEMBER),
    );
    expect(result.errors?.[0]?.message).toMatch(/status/);
    expect(store.calls).toHaveLength(0);
  });

  it('updates only the fields sent, with the expected version', async () => {
    const row = store.seed(ids.property, { title: 'Old', rooms: 2 });
    const result = await run(
      `mutation($id: ID!) { updateProperty(id: $id, input: {title: "New", askingPrice: null}, expectedVersion: 1) { title rooms version } }`,
      contextFor(Role.MEMBER),
      { id: row.id.toUpperCase() },
    );
    expect(result).toEqual({ data: { updateProperty: { title: 'New', rooms: 2, version: 2 } } });
    expect(store.callsTo('update')[0]!.args).toEqual({
      id: row.id,
      patch: { title: 'New', askingPrice: null },
      expectedVersion: 1,
    });
  });

  it('creates and updates in bulk with one store call', async () => {
    const ctx = contextFor(Role.MEMBER);
    const created = await run(
      'mutation { createProperties(inputs: [{title: "A", status: "new"}, {title: "B", status: "sold"}]) { id title } }',
      ctx,
    );
    const rows = (created.data as { createProperties: { id: string }[] }).createProperties;
    expect(rows.map((r) => (r as { title?: string }).title)).toEqual(['A', 'B']);
    const updated = await run(
      `mutation($updates: [PropertyBulkUpdate!]!) { updateProperties(updates: $updates) { title version } }`,
      ctx,
      {
        updates: [
          { id: rows[0]!.id, input: { title: 'A2' }, expectedVersion: 1 },
          { id: rows[1]!.id, input: { rooms: 4 } },
        ],
      },
    );
    expect(updated.data).toEqual({
      updateProperties: [
        { title: 'A2', version: 2 },
        { title: 'B', version: 2 },
      ],
    });
    expect(store.callsTo('createMany')).toHaveLength(1);
    expect(store.callsTo('updateMany')[0]!.args).toEqual([
      { id: rows[0]!.id, patch: { title: 'A2' }, expectedVersion: 1 },
      { id: rows[1]!.id, patch: { rooms: 4 }, expectedVersion: null },
    ]);
  });

  it('deletes and restores', async () => {
    const row = store.seed(ids.property, { title: 'T' });
    const ctx = contextFor(Role.MEMBER);
    const deleted = await run(`mutation { deleteProperty(id: "${row.id}") { deletedAt } }`, ctx);
    expect(
      (deleted.data as { deleteProperty: { deletedAt: unknown } }).deleteProperty.deletedAt,
    ).toBeInstanceOf(Date);
    const restored = await run(`mutation { restoreProperty(id: "${row.id}") { deletedAt } }`, ctx);
    expect(restored).toEqual({ data: { restoreProperty: { deletedAt: null } } });
    expect(store.calls.map((c) => [c.method, c.args])).toEqual([
      ['delete', row.id],
      ['restore', row.id],
    ]);
  });

  it('shows relations changed by an earlier mutation of the same request', async () => {
    const [a, b] = seedPeople(2);
    const row = store.seed(ids.property, { title: 'T', seller: a!.id, viewers: [] });
    const result = await run(
      `mutation {
        before: updateProperty(id: "${row.id}", input: {title: "T1"}) { seller { name } viewers { name } }
        after: updateProperty(id: "${row.id}", input: {seller: "${b!.id}", viewers: ["${b!.id}"]}) {
          seller { name } viewers { name }
        }
      }`,
      contextFor(Role.MEMBER),
    );
    expect(result.data).toEqual({
      before: { seller: { name: 'Person 0' }, viewers: [] },
      after: { seller: { name: 'Person 1' }, viewers: [{ name: 'Person 1' }] },
    });
  });
});

describe('permissions', () => {
  it('lets a viewer read but not write', async () => {
    const ctx = contextFor(Role.VIEWER);
    expect(codes(await run('{ properties { nodes { id } } }', ctx))).toEqual([]);
    const result = await run('mutation { createProperty(input: {title: "x", status: "new"}) { id } }', ctx);
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors![0]!.message).toMatch(/records\.write/);
    expect(store.callsTo('create')).toHaveLength(0);
  });

  it('checks the write permission on every mutation, before the arguments', async () => {
    const ctx = contextFor(Role.VIEWER);
    const bad = 'not-an-id';
    for (const mutation of [
      `updateProperty(id: "${bad}", input: {title: "x"}) { id }`,
      `deleteProperty(id: "${bad}") { id }`,
      `restoreProperty(id: "${bad}") { id }`,
      'createProperties(inputs: []) { id }',
      `updateProperties(updates: [{id: "${bad}", input: {}}]) { id }`,
    ]) {
      expect(codes(await run(`mutation { ${mutation} }`, ctx)), mutation).toEqual(['FORBIDDEN']);
    }
  });

  it('refuses callers without a workspace, signed-out callers and other workspaces', async () => {
    const query = '{ properties { nodes { id } } }';
    expect(codes(await run(query, contextFor(null)))).toEqual(['FORBIDDEN']);
    expect(codes(await run(query, { ...contextFor(Role.OWNER), caller: null }))).toEqual(['UNAUTHENTICATED']);
    const elsewhere = contextFor(Role.OWNER, '00000000-0000-4000-8000-00000000000f');
    expect(codes(await run(query, elsewhere))).toEqual(['FORBIDDEN']);
    expect(store.calls).toHaveLength(0);
  });
});

describe('id validation', () => {
  it('refuses ids that are not UUIDs with BAD_USER_INPUT and the argument path', async () => {
    const ctx = contextFor(Role.MEMBER);
    const one = await run('{ property(id: "1") { id } }', ctx);
    expect(codes(one)).toEqual(['BAD_USER_INPUT']);
    expect(one.errors![0]!.extensions.argumentPath).toEqual(['id']);

    const bulk = await run(
      `mutation { updateProperties(updates: [{id: "${ids.seller}", input: {}}, {id: "x; drop", input: {}}]) { id } }`,
      ctx,
    );
    expect(bulk.errors![0]!.extensions.argumentPath).toEqual(['updates', '1', 'id']);

    const nested = await run(
      `{ properties(filter: {and: [{seller: {is: {manager: {in: ["${ids.seller}", "nope"]}}}}]}) { nodes { id } } }`,
      ctx,
    );
    expect(nested.errors![0]!.extensions.argumentPath).toEqual([
      'filter',
      'and',
      '0',
      'seller',
      'is',
      'manager',
      'in',
      '1',
    ]);

    const owner = await run('{ properties(filter: {owner: {eq: "me"}}) { nodes { id } } }', ctx);
    expect(owner.errors![0]!.extensions.argumentPath).toEqual(['filter', 'owner', 'eq']);
    expect(store.calls).toHaveLength(0);
  });

  it('refuses a page size outside 1–500', async () => {
    const result = await run('{ properties(first: 501) { nodes { id } } }', contextFor(Role.VIEWER));
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions.argumentPath).toEqual(['first']);
  });
});
