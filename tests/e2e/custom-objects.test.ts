import { describe, expect, it } from 'vitest';
import { newMember, newUser, TestClient, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import {
  addFields,
  changeLog,
  columnOf,
  countRows,
  defineObject,
  errorOf,
  expectCode,
  tableOf,
  type DefinedObject,
  type FieldInput,
} from '../support/records.js';
import { newServer, useServer } from '../support/server.js';

// The main path through GraphQL alone: an admin defines Property, the very next
// request uses its typed API; who may change metadata and records; archive and restore;
// one server for several workspaces; a change made on one server live on another.

const server = useServer();

const propertyFields: FieldInput[] = [
  { key: 'address', label: 'Address', type: 'TEXT', required: true },
  { key: 'price', label: 'Price', type: 'CURRENCY', settings: { precision: 2, defaultCurrency: 'EUR' } },
  { key: 'bedrooms', label: 'Bedrooms', type: 'NUMBER', settings: { precision: 0 } },
  {
    key: 'status',
    label: 'Status',
    type: 'SELECT',
    settings: {
      choices: [
        { key: 'available', label: 'Available' },
        { key: 'underOffer', label: 'Under offer' },
        { key: 'sold', label: 'Sold' },
      ],
    },
  },
  { key: 'listedDate', label: 'Listed', type: 'DATE' },
  { key: 'agent', label: 'Agent', type: 'USER' },
  {
    key: 'seller',
    label: 'Seller',
    type: 'RELATION',
    relation: { target: 'person', kind: 'MANY_TO_ONE', inverseKey: 'propertiesSold', inverseLabel: 'Sold' },
  },
];

async function defineProperty(admin: SignedUpUser): Promise<DefinedObject> {
  return defineObject(
    admin.client,
    { key: 'property', labelSingular: 'Property', labelPlural: 'Properties' },
    propertyFields,
  );
}

const propertyList = /* GraphQL */ `
  query ($filter: PropertyFilter, $sort: [PropertySort!]) {
    properties(filter: $filter, sort: $sort) {
      totalCount
      nodes {
        id
        address
        price {
          amount
          currency
        }
        bedrooms
        status
        listedDate
        agent {
          id
          name
        }
        agentId
        seller {
          id
          name
        }
        sellerId
      }
    }
  }
`;

const createPropertyMutation = /* GraphQL */ `
  mutation ($input: PropertyCreateInput!) {
    createProperty(input: $input) {
      id
      version
      address
      createdBy {
        id
      }
    }
  }
`;

async function createPerson(client: TestClient, name: string): Promise<string> {
  const { createPerson } = await client.data<{ createPerson: { id: string } }>(
    `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
    { input: { name } },
  );
  return createPerson.id;
}

async function createProperty(client: TestClient, input: Record<string, unknown>): Promise<string> {
  const { createProperty } = await client.data<{ createProperty: { id: string } }>(createPropertyMutation, {
    input,
  });
  return createProperty.id;
}

async function fieldDefCount(workspaceId: string): Promise<number> {
  const [row] = await query<{ n: string }>(
    server.databaseUrl,
    'select count(*) as n from field_def where workspace_id = $1',
    [workspaceId],
  );
  return Number(row!.n);
}

describe('an admin defines Property through GraphQL alone', () => {
  it('and the very next request filters and sorts it with typed values', async () => {
    const admin = await newUser(server, { name: 'Ada Agent' });
    await defineProperty(admin);

    // The very next request after the last createField: the new query, filter and sort exist.
    const empty = await admin.client.request(propertyList, {
      filter: { price: { gte: 300000 } },
      sort: [{ field: 'listedDate', direction: 'DESC' }],
    });
    expect(empty.body).toEqual({ data: { properties: { totalCount: 0, nodes: [] } } });

    const sellerId = await createPerson(admin.client, 'Sam Seller');
    const listings = [
      { address: '1 Low Road', price: { amount: 150000 }, bedrooms: 2, listedDate: '2026-03-01' },
      { address: '2 High Street', price: { amount: 300000 }, bedrooms: 3, listedDate: '2026-01-15' },
      {
        address: '3 Hill Top',
        price: { amount: 450000.5, currency: 'GBP' },
        bedrooms: 4,
        listedDate: '2026-02-20',
      },
      { address: '4 No Date Lane', price: { amount: 999999 }, bedrooms: 5 },
    ];
    for (const listing of listings) {
      await createProperty(admin.client, {
        ...listing,
        status: 'available',
        agent: admin.userId,
        seller: sellerId,
      });
    }

    const { properties } = await admin.client.data(propertyList, {
      filter: { price: { gte: 300000 } },
      sort: [{ field: 'listedDate', direction: 'DESC' }],
    });
    expect(properties.totalCount).toBe(3);
    expect(properties.nodes.map((n: { address: string }) => n.address)).toEqual([
      '3 Hill Top',
      '2 High Street',
      '4 No Date Lane',
    ]);
    expect(properties.nodes[0]).toEqual({
      id: expect.any(String),
      address: '3 Hill Top',
      price: { amount: 450000.5, currency: 'GBP' },
      bedrooms: 4,
      status: 'available',
      listedDate: '2026-02-20',
      agent: { id: admin.userId, name: 'Ada Agent' },
      agentId: admin.userId,
      seller: { id: sellerId, name: 'Sam Seller' },
      sellerId,
    });
    expect(properties.nodes[1].price).toEqual({ amount: 300000, currency: 'EUR' });
  });

  it('generates a typed schema: each field with its own GraphQL type, filter and inputs', async () => {
    const admin = await newUser(server);
    await defineProperty(admin);
    const { property, filter, create } = await admin.client.data(/* GraphQL */ `
      query {
        property: __type(name: "Property") {
          fields {
            name
            type {
              name
              kind
              ofType {
                name
              }
            }
          }
        }
        filter: __type(name: "PropertyFilter") {
          inputFields {
            name
            type {
              name
            }
          }
        }
        create: __type(name: "PropertyCreateInput") {
          inputFields {
            name
            type {
              name
              kind
              ofType {
                name
              }
            }
          }
        }
      }
    `);
    const typeOf = (fields: { name: string; type: { name: string | null; ofType?: { name: string } } }[]) =>
      Object.fromEntries(fields.map((f) => [f.name, f.type.name ?? `${f.type.ofType?.name}!`]));
    expect(typeOf(property.fields)).toMatchObject({
      address: 'String',
      price: 'Money',
      bedrooms: 'Float',
      status: 'String',
      listedDate: 'Date',
      agent: 'User',
      agentId: 'ID',
      seller: 'Person',
      sellerId: 'ID',
    });
    expect(typeOf(filter.inputFields)).toMatchObject({
      address: 'StringFilter',
      price: 'MoneyFilter',
      bedrooms: 'NumberFilter',
      status: 'SelectFilter',
      listedDate: 'DateFilter',
      agent: 'UserFilter',
      seller: 'PersonRelationFilter',
    });
    expect(typeOf(create.inputFields)).toMatchObject({
      address: 'String!',
      price: 'MoneyInput',
      bedrooms: 'Float',
      listedDate: 'Date',
      agent: 'ID',
      seller: 'ID',
    });
    // The relation's inverse appears on person.
    const person = await admin.client.data(`query { __type(name: "Person") { fields { name } } }`);
    expect(person.__type.fields.map((f: { name: string }) => f.name)).toContain('propertiesSold');
  });
});

describe('rights', () => {
  it('a member cannot change metadata (FORBIDDEN, nothing changes) but can create records', async () => {
    const admin = await newUser(server);
    const property = await defineProperty(admin);
    const member = await newMember(server, admin, 'MEMBER');
    const fieldsBefore = await fieldDefCount(admin.workspaceId);

    const attempts = [
      member.client.request(
        `mutation { createField(input: {object: "property", key: "garden", label: "Garden", type: BOOLEAN}) { id } }`,
      ),
      member.client.request(`mutation { createObject(input: {key: "boat", labelSingular: "Boat"}) { id } }`),
      member.client.request(`mutation ($id: ID!) { updateField(id: $id, input: {label: "Beds"}) { id } }`, {
        id: property.fields.bedrooms,
      }),
      member.client.request(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, {
        id: property.fields.bedrooms,
      }),
      member.client.request(`mutation { archiveObject(object: "property") { id } }`),
      member.client.request(`mutation ($id: ID!) { changeFieldType(id: $id, type: TEXT) { applied } }`, {
        id: property.fields.bedrooms,
      }),
    ];
    for (const response of await Promise.all(attempts)) expectCode(response, 'FORBIDDEN');

    expect(await fieldDefCount(admin.workspaceId)).toBe(fieldsBefore);
    const { object } = await admin.client.data(
      `query { object(key: "property") { archivedAt fields { key label type } } }`,
    );
    expect(object.archivedAt).toBeNull();
    expect(object.fields).toContainEqual({ key: 'bedrooms', label: 'Bedrooms', type: 'NUMBER' });
    const { objects } = await admin.client.data(`query { objects { key } }`);
    expect(objects.map((o: { key: string }) => o.key)).not.toContain('boat');

    const { createProperty } = await member.client.data(createPropertyMutation, {
      input: { address: '9 Member Mews', bedrooms: 1 },
    });
    expect(createProperty).toMatchObject({
      version: 1,
      address: '9 Member Mews',
      createdBy: { id: member.userId },
    });
    expect(await countRows(server.databaseUrl, admin.workspaceId, property.id)).toBe(1);
  });

  it('a viewer reads records but cannot create, update, delete or restore them', async () => {
    const admin = await newUser(server);
    const property = await defineProperty(admin);
    const id = await createProperty(admin.client, { address: '5 Viewer Row', bedrooms: 2 });
    await admin.client.data(`mutation ($id: ID!) { deleteProperty(id: $id) { id } }`, { id });
    await admin.client.data(`mutation ($id: ID!) { restoreProperty(id: $id) { id } }`, { id });
    const viewer = await newMember(server, admin, 'VIEWER');
    const rowsBefore = await countRows(server.databaseUrl, admin.workspaceId, property.id);
    const changesBefore = await changeLog(server.databaseUrl, admin.workspaceId);

    const { properties } = await viewer.client.data(`query { properties { nodes { id address version } } }`);
    expect(properties.nodes).toEqual([{ id, address: '5 Viewer Row', version: 3 }]);
    const { property: one } = await viewer.client.data(
      `query ($id: ID!) { property(id: $id) { bedrooms } }`,
      {
        id,
      },
    );
    expect(one).toEqual({ bedrooms: 2 });

    const writes: [string, Record<string, unknown>][] = [
      [createPropertyMutation, { input: { address: 'Nope' } }],
      [`mutation ($id: ID!) { updateProperty(id: $id, input: {bedrooms: 9}) { id } }`, { id }],
      [`mutation ($id: ID!) { deleteProperty(id: $id) { id } }`, { id }],
      [`mutation ($id: ID!) { restoreProperty(id: $id) { id } }`, { id }],
      [`mutation { createProperties(inputs: [{address: "A"}, {address: "B"}]) { id } }`, {}],
      [
        `mutation ($id: ID!) { updateProperties(updates: [{id: $id, input: {address: "Changed"}}]) { id } }`,
        { id },
      ],
    ];
    for (const [mutation, variables] of writes) {
      expectCode(await viewer.client.request(mutation, variables), 'FORBIDDEN');
    }

    expect(await countRows(server.databaseUrl, admin.workspaceId, property.id)).toBe(rowsBefore);
    expect(await changeLog(server.databaseUrl, admin.workspaceId)).toEqual(changesBefore);
    const after = await admin.client.data(
      `query ($id: ID!) { property(id: $id) { address bedrooms version deletedAt } }`,
      { id },
    );
    expect(after.property).toEqual({ address: '5 Viewer Row', bedrooms: 2, version: 3, deletedAt: null });
  });
});

describe('archive and restore', () => {
  it('an archived field leaves the schema, keeps its data and comes back with its values', async () => {
    const admin = await newUser(server);
    const property = await defineProperty(admin);
    const a = await createProperty(admin.client, { address: 'A', bedrooms: 2 });
    const b = await createProperty(admin.client, { address: 'B', bedrooms: 7 });

    await admin.client.data(`mutation ($id: ID!) { archiveField(id: $id) { archivedAt } }`, {
      id: property.fields.bedrooms,
    });

    // Reading, filtering, sorting and writing the field are all unknown to the schema now.
    const gone = [
      admin.client.request(`query { properties { nodes { bedrooms } } }`),
      admin.client.request(`query { properties(filter: {bedrooms: {gt: 1}}) { totalCount } }`),
      admin.client.request(`query { properties(sort: [{field: bedrooms}]) { totalCount } }`),
      admin.client.request(`mutation { createProperty(input: {address: "C", bedrooms: 1}) { id } }`),
    ];
    for (const response of await Promise.all(gone)) expectCode(response, 'GRAPHQL_VALIDATION_FAILED');
    const viaVariables = await admin.client.request(createPropertyMutation, {
      input: { address: 'C', bedrooms: 1 },
    });
    expectCode(viaVariables, 'BAD_USER_INPUT');
    const { properties } = await admin.client.data(`query { properties { totalCount nodes { address } } }`);
    expect(properties.totalCount).toBe(2);

    // The column still holds the values.
    const rows = await query<{ id: string; bedrooms: string }>(
      server.databaseUrl,
      `select id, "${columnOf(property.fields.bedrooms!)}" as bedrooms from ${tableOf(admin.workspaceId, property.id)} order by bedrooms`,
    );
    expect(rows.map((r) => [r.id, Number(r.bedrooms)])).toEqual([
      [a, 2],
      [b, 7],
    ]);

    await admin.client.data(`mutation ($id: ID!) { restoreField(id: $id) { archivedAt } }`, {
      id: property.fields.bedrooms,
    });
    const restored = await admin.client.data(
      `query { properties(filter: {bedrooms: {gt: 5}}, sort: [{field: bedrooms}]) { nodes { id bedrooms } } }`,
    );
    expect(restored.properties.nodes).toEqual([{ id: b, bedrooms: 7 }]);
    const all = await admin.client.data(
      `query { properties(sort: [{field: bedrooms}]) { nodes { id bedrooms } } }`,
    );
    expect(all.properties.nodes).toEqual([
      { id: a, bedrooms: 2 },
      { id: b, bedrooms: 7 },
    ]);
  });

  it('an archived object leaves the schema (its relation inverse too) and comes back with its records', async () => {
    const admin = await newUser(server);
    await defineProperty(admin);
    const sellerId = await createPerson(admin.client, 'Sue');
    const id = await createProperty(admin.client, { address: '7 Archive Way', seller: sellerId });

    const { archiveObject } = await admin.client.data(
      `mutation { archiveObject(object: "property") { key archivedAt } }`,
    );
    expect(archiveObject.archivedAt).not.toBeNull();
    const gone = [
      admin.client.request(`query { properties { totalCount } }`),
      admin.client.request(`query ($id: ID!) { property(id: $id) { id } }`, { id }),
      admin.client.request(`mutation { createProperty(input: {address: "x"}) { id } }`),
      admin.client.request(`query { people { nodes { propertiesSold { id } } } }`),
    ];
    for (const response of await Promise.all(gone)) expectCode(response, 'GRAPHQL_VALIDATION_FAILED');
    const types = await admin.client.data(`query { __type(name: "Property") { name } }`);
    expect(types.__type).toBeNull();
    const { objects } = await admin.client.data(`query { objects { key } }`);
    expect(objects.map((o: { key: string }) => o.key)).not.toContain('property');
    // The person side still works without the archived relation.
    const people = await admin.client.data(`query { people { nodes { id name } } }`);
    expect(people.people.nodes).toEqual([{ id: sellerId, name: 'Sue' }]);

    await admin.client.data(`mutation { restoreObject(object: "property") { key } }`);
    const back = await admin.client.data(
      `query { properties { totalCount nodes { id address seller { name } } } people { nodes { propertiesSold { id } } } }`,
    );
    expect(back.properties).toEqual({
      totalCount: 1,
      nodes: [{ id, address: '7 Archive Way', seller: { name: 'Sue' } }],
    });
    expect(back.people.nodes).toEqual([{ propertiesSold: [{ id }] }]);
  });
});

describe('many workspaces, many processes', () => {
  it('one server serves two workspaces with different custom objects at once, each seeing only its own', async () => {
    const harbour = await newUser(server, { workspaceName: 'Harbour' });
    const stable = await newUser(server, { workspaceName: 'Stable' });
    // Both have an object keyed `asset`, with different fields; each also has one of its own.
    await Promise.all([
      defineObject(harbour.client, { key: 'asset', labelSingular: 'Asset' }, [
        { key: 'hullId', type: 'TEXT' },
      ]),
      defineObject(stable.client, { key: 'asset', labelSingular: 'Asset' }, [
        { key: 'stallNumber', type: 'NUMBER' },
      ]),
    ]);
    await Promise.all([
      defineObject(harbour.client, { key: 'boat', labelSingular: 'Boat' }, [
        { key: 'engineHours', type: 'NUMBER' },
      ]),
      defineObject(stable.client, { key: 'horse', labelSingular: 'Horse' }, [{ key: 'breed', type: 'TEXT' }]),
    ]);

    const rounds = Array.from({ length: 10 }, (_, i) => [
      harbour.client.request(
        `mutation ($n: String) { createAsset(input: {name: $n, hullId: $n}) { hullId } createBoat(input: {engineHours: 1}) { id } }`,
        { n: `H${i}` },
      ),
      stable.client.request(
        `mutation ($s: Float) { createAsset(input: {name: "S", stallNumber: $s}) { stallNumber } createHorse(input: {breed: "Arab"}) { id } }`,
        { s: i },
      ),
    ]);
    const answers = await Promise.all(rounds.flat());
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();

    const [h, s] = await Promise.all([
      harbour.client.data(`query { assets { totalCount nodes { hullId } } boats { totalCount } }`),
      stable.client.data(`query { assets { totalCount nodes { stallNumber } } horses { totalCount } }`),
    ]);
    expect(h.assets.totalCount).toBe(10);
    expect(h.boats.totalCount).toBe(10);
    expect(s.assets.totalCount).toBe(10);
    expect(s.horses.totalCount).toBe(10);

    const crossed = await Promise.all([
      harbour.client.request(`query { horses { totalCount } }`),
      harbour.client.request(`query { assets { nodes { stallNumber } } }`),
      stable.client.request(`query { boats { totalCount } }`),
      stable.client.request(`query { assets { nodes { hullId } } }`),
    ]);
    for (const response of crossed) expectCode(response, 'GRAPHQL_VALIDATION_FAILED');
    const [harbourTypes, stableTypes] = await Promise.all([
      harbour.client.data(
        `query { boat: __type(name: "Boat") { name } horse: __type(name: "Horse") { name } }`,
      ),
      stable.client.data(
        `query { boat: __type(name: "Boat") { name } horse: __type(name: "Horse") { name } }`,
      ),
    ]);
    expect(harbourTypes).toEqual({ boat: { name: 'Boat' }, horse: null });
    expect(stableTypes).toEqual({ boat: null, horse: { name: 'Horse' } });
  });

  it('a metadata change made through one server is live at once on a second server on the same database', async () => {
    const second = await newServer({ DATABASE_URL: server.databaseUrl });
    try {
      const admin = await newUser(server);
      const there = new TestClient(second);
      there.cookie = admin.client.cookie;
      there.workspaceId = admin.workspaceId;
      // The second server builds (and caches) this workspace's schema before the change.
      expect((await there.data(`query { people { totalCount } }`)).people.totalCount).toBe(0);
      expectCode(await there.request(`query { properties { totalCount } }`), 'GRAPHQL_VALIDATION_FAILED');

      await defineProperty(admin);
      const { createProperty } = await there.data(
        `mutation { createProperty(input: {address: "Made elsewhere", bedrooms: 3}) { id } }`,
      );
      const mine = await admin.client.data(`query { properties { nodes { id address bedrooms } } }`);
      expect(mine.properties.nodes).toEqual([
        { id: createProperty.id, address: 'Made elsewhere', bedrooms: 3 },
      ]);

      // And back: a field added on the second server is live on the first at once.
      await addFields(there, 'property', [{ key: 'garden', type: 'BOOLEAN' }]);
      await admin.client.data(
        `mutation ($id: ID!) { updateProperty(id: $id, input: {garden: true}) { id } }`,
        {
          id: createProperty.id,
        },
      );
      const { object } = await there.data(`query { object(key: "property") { fields { id key } } }`);
      const bedrooms = object.fields.find((f: { key: string }) => f.key === 'bedrooms');
      await there.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: bedrooms.id });
      expectCode(
        await admin.client.request(`query { properties { nodes { bedrooms } } }`),
        'GRAPHQL_VALIDATION_FAILED',
      );
      const after = await admin.client.data(`query { properties { nodes { garden } } }`);
      expect(after.properties.nodes).toEqual([{ garden: true }]);
    } finally {
      await second.close();
    }
  });
});

describe('metadata errors stay readable', () => {
  it('a record query on another workspace’s object is unknown, not a leak', async () => {
    const owner = await newUser(server);
    const other = await newUser(server);
    await defineProperty(owner);
    await createProperty(owner.client, { address: 'Private' });
    const response = await other.client.request(`query { properties { nodes { address } } }`);
    expect(errorOf(response).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response.body)).not.toContain('Private');
  });
});
