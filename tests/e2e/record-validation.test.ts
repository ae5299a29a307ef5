import { beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import {
  changeLog,
  columnOf,
  countRows,
  defineObject,
  expectBadInput,
  type DefinedObject,
  type FieldInput,
} from '../support/records.js';
import { useServer } from '../support/server.js';

// What the generated records API accepts: every field type's validation, refusals that name
// the field and write nothing, values that look like code kept as plain values, and good
// values of every type read back exactly.

const choices = (...keys: string[]) => keys.map((key) => ({ key, label: key.toUpperCase() }));

/** A listing with a field of every type. */
const listingFields: FieldInput[] = [
  { key: 'title', type: 'TEXT', required: true },
  { key: 'code', type: 'TEXT', unique: true },
  { key: 'notes', type: 'LONG_TEXT' },
  { key: 'email', type: 'EMAIL' },
  { key: 'phone', type: 'PHONE' },
  { key: 'website', type: 'URL' },
  { key: 'rooms', type: 'NUMBER' },
  { key: 'price', type: 'CURRENCY', settings: { precision: 2, defaultCurrency: 'EUR' } },
  { key: 'commission', type: 'PERCENT' },
  { key: 'furnished', type: 'BOOLEAN' },
  { key: 'availableOn', type: 'DATE' },
  { key: 'listedAt', type: 'DATETIME' },
  { key: 'status', type: 'SELECT', settings: { choices: choices('draft', 'live', 'sold') } },
  {
    key: 'features',
    type: 'MULTI_SELECT',
    settings: { choices: choices('garden', 'garage', 'pool', 'lift') },
  },
  { key: 'condition', type: 'RATING', settings: { max: 5 } },
  { key: 'agent', type: 'USER' },
  {
    key: 'seller',
    type: 'RELATION',
    relation: { target: 'person', kind: 'MANY_TO_ONE', inverseKey: 'listingsSold' },
  },
  {
    key: 'viewers',
    type: 'RELATION',
    relation: { target: 'person', kind: 'MANY_TO_MANY', inverseKey: 'listingsViewed' },
  },
];

const listingSelection = /* GraphQL */ `
  id
  title
  code
  notes
  email
  phone
  website
  rooms
  price {
    amount
    currency
  }
  commission
  furnished
  availableOn
  listedAt
  status
  features
  condition
  agentId
  sellerId
  viewers {
    id
  }
`;

const createListing = /* GraphQL */ `
  mutation ($input: ListingCreateInput!) {
    createListing(input: $input) { ${listingSelection} }
  }
`;
const updateListing = /* GraphQL */ `
  mutation ($id: ID!, $input: ListingUpdateInput!) {
    updateListing(id: $id, input: $input) { ${listingSelection} }
  }
`;
const readListing = /* GraphQL */ `
  query ($id: ID!) {
    listing(id: $id) { ${listingSelection} }
  }
`;
const listListings = /* GraphQL */ `
  query ($filter: ListingFilter, $search: String) {
    listings(filter: $filter, search: $search) {
      totalCount
      nodes {
        id
        title
      }
    }
  }
`;

const server = useServer();

interface Workspace {
  admin: SignedUpUser;
  listing: DefinedObject;
  personId: string;
}

async function newListingWorkspace(): Promise<Workspace> {
  const admin = await newUser(server);
  const listing = await defineObject(
    admin.client,
    { key: 'listing', labelSingular: 'Listing', labelPlural: 'Listings' },
    listingFields,
  );
  const { createPerson } = await admin.client.data(`mutation { createPerson(input: {name: "Pat"}) { id } }`);
  return { admin, listing, personId: createPerson.id };
}

/** Rows and change-log entries of the workspace, to show a refused write left no trace. */
async function footprint(ws: Workspace) {
  return {
    rows: await countRows(server.databaseUrl, ws.admin.workspaceId, ws.listing.id),
    changes: (await changeLog(server.databaseUrl, ws.admin.workspaceId)).length,
  };
}

describe('bad input is refused with BAD_USER_INPUT at the field, and nothing is written', () => {
  // These requests change nothing (each test checks it), so they share one workspace.
  let ws: Workspace;
  let outsiderId: string;

  beforeAll(async () => {
    ws = await newListingWorkspace();
    await ws.admin.client.data(createListing, { input: { title: 'Existing', code: 'TAKEN-1' } });
    outsiderId = (await newUser(server)).userId;
  });

  const missingId = '5b0b6b7e-0000-4000-8000-000000000001';
  const createCases: [string, () => Record<string, unknown>, string[]][] = [
    ['text in a number', () => ({ title: 'x', rooms: 'three' }), ['input', 'rooms']],
    ['text in a percent', () => ({ title: 'x', commission: 'lots' }), ['input', 'commission']],
    ['a bad e-mail', () => ({ title: 'x', email: 'not-an-email' }), ['input', 'email']],
    ['a bad phone', () => ({ title: 'x', phone: 'call me maybe' }), ['input', 'phone']],
    ['a bad URL', () => ({ title: 'x', website: 'javascript:alert(1)' }), ['input', 'website']],
    ['a URL without scheme', () => ({ title: 'x', website: 'not a url' }), ['input', 'website']],
    ['a bad date', () => ({ title: 'x', availableOn: '2026-02-30' }), ['input', 'availableOn']],
    ['a date in another format', () => ({ title: 'x', availableOn: '01/02/2026' }), ['input', 'availableOn']],
    ['a bad datetime', () => ({ title: 'x', listedAt: 'yesterday at noon' }), ['input', 'listedAt']],
    ['a rating above its maximum', () => ({ title: 'x', condition: 6 }), ['input', 'condition']],
    ['a rating of zero', () => ({ title: 'x', condition: 0 }), ['input', 'condition']],
    ['a fractional rating', () => ({ title: 'x', condition: 2.5 }), ['input', 'condition']],
    ['an unknown select option', () => ({ title: 'x', status: 'archived' }), ['input', 'status']],
    ['a select option by label', () => ({ title: 'x', status: 'LIVE' }), ['input', 'status']],
    [
      'an unknown multi-select option',
      () => ({ title: 'x', features: ['garden', 'moat'] }),
      ['input', 'features', '1'],
    ],
    [
      'a bad currency code',
      () => ({ title: 'x', price: { amount: 10, currency: 'XYZ' } }),
      ['input', 'price', 'currency'],
    ],
    [
      'a currency without amount',
      () => ({ title: 'x', price: { currency: 'EUR' } }),
      ['input', 'price', 'amount'],
    ],
    ['a boolean as a string', () => ({ title: 'x', furnished: 'true' }), ['input', 'furnished']],
    ['a missing required field', () => ({ code: 'NEW-1' }), ['input', 'title']],
    ['a required field sent as null', () => ({ title: null }), ['input', 'title']],
    ['a required field sent blank', () => ({ title: '' }), ['input', 'title']],
    ['a duplicate unique value', () => ({ title: 'x', code: 'TAKEN-1' }), ['input', 'code']],
    ['a relation id that points nowhere', () => ({ title: 'x', seller: missingId }), ['input', 'seller']],
    ['a relation id that is no id', () => ({ title: 'x', seller: 'robert' }), ['input', 'seller']],
    [
      'a many-to-many id that points nowhere',
      () => ({ title: 'x', viewers: [ws.personId, missingId] }),
      ['input', 'viewers'],
    ],
    ['a user who is not a member', () => ({ title: 'x', agent: outsiderId }), ['input', 'agent']],
    ['a user id that is no user', () => ({ title: 'x', agent: missingId }), ['input', 'agent']],
    ['an unknown field', () => ({ title: 'x', colour: 'red' }), ['input', 'colour']],
    [
      'a read-only system field',
      () => ({ title: 'x', createdAt: '2020-01-01T00:00:00Z' }),
      ['input', 'createdAt'],
    ],
    ['an over-long text', () => ({ title: 'x'.repeat(5_001) }), ['input', 'title']],
  ];

  it.each(createCases)('on create: %s', async (_name, input, path) => {
    const before = await footprint(ws);
    const response = await ws.admin.client.request(createListing, { input: input() });
    expectBadInput(response, path);
    expect(await footprint(ws)).toEqual(before);
  });

  it.each([
    ['text in a number', { rooms: 'three' }, ['input', 'rooms']],
    ['an unknown select option', { status: 'gone' }, ['input', 'status']],
    ['a required field emptied', { title: null }, ['input', 'title']],
    ['a required field blanked', { title: '' }, ['input', 'title']],
    ['another record’s unique value', { code: 'TAKEN-1' }, ['input', 'code']],
  ] as [string, Record<string, unknown>, string[]][])('on update: %s', async (name, patch, path) => {
    const { createListing: other } = await ws.admin.client.data(createListing, {
      input: { title: `Other ${name}` },
    });
    const before = await footprint(ws);
    const response = await ws.admin.client.request(updateListing, { id: other.id, input: patch });
    expectBadInput(response, path);
    expect(await footprint(ws)).toEqual(before);
    const { listing } = await ws.admin.client.data(readListing, { id: other.id });
    expect(listing).toMatchObject({ title: `Other ${name}`, code: null, rooms: null, status: null });
  });

  it.each([
    ['an unknown field', { colour: { eq: 'red' } }, ['filter', 'colour']],
    [
      'an unknown field inside and',
      { and: [{ title: { eq: 'x' } }, { colour: { eq: 'red' } }] },
      ['filter', 'and', '1', 'colour'],
    ],
    ['an operator text does not have', { title: { gte: 'a' } }, ['filter', 'title', 'gte']],
    ['an operator booleans do not have', { furnished: { in: [true] } }, ['filter', 'furnished', 'in']],
    ['an operator numbers do not have', { rooms: { contains: '1' } }, ['filter', 'rooms', 'contains']],
    ['an operator multi-select does not have', { features: { eq: 'pool' } }, ['filter', 'features', 'eq']],
    ['a number operand that is text', { rooms: { gte: 'many' } }, ['filter', 'rooms', 'gte']],
    ['a date operand that is no date', { availableOn: { lt: 'soon' } }, ['filter', 'availableOn', 'lt']],
    ['an unknown select option', { status: { eq: 'archived' } }, ['filter', 'status', 'eq']],
    ['a user operand that is no id', { agent: { eq: 'bob' } }, ['filter', 'agent', 'eq']],
    ['an id operand that is no id', { id: { in: ['x'] } }, ['filter', 'id', 'in', '0']],
    ['isEmpty that is no boolean', { rooms: { isEmpty: 'yes' } }, ['filter', 'rooms', 'isEmpty']],
    [
      'a relation filter on a related unknown field',
      { seller: { is: { shoeSize: { eq: 1 } } } },
      ['filter', 'seller', 'is', 'shoeSize'],
    ],
  ] as [string, Record<string, unknown>, string[]][])('in a filter: %s', async (_name, filter, path) => {
    expectBadInput(await ws.admin.client.request(listListings, { filter }), path);
  });
});

describe('values that look like SQL or JSON paths are plain values', () => {
  it('stores them as given, reads them back and matches them literally', async () => {
    const ws = await newListingWorkspace();
    const values = {
      title: "'; drop table x; --",
      code: '$.a[0]',
      notes: '{"a":1}',
    };
    const { createListing: created } = await ws.admin.client.data(createListing, { input: values });
    expect(created).toMatchObject(values);
    const { listing } = await ws.admin.client.data(readListing, { id: created.id });
    expect(listing).toMatchObject(values);

    // Stored as text in the typed columns; every table is still there.
    const [row] = await query<Record<string, string>>(
      server.databaseUrl,
      `select "${columnOf(ws.listing.fields.title!)}" as title, "${columnOf(ws.listing.fields.code!)}" as code,
        "${columnOf(ws.listing.fields.notes!)}" as notes from "ws_${ws.admin.workspaceId.replace(/-/g, '')}"."o_${ws.listing.id.replace(/-/g, '')}"`,
    );
    expect(row).toEqual(values);

    const filters = [
      { title: { eq: "'; drop table x; --" } },
      { code: { eq: '$.a[0]' } },
      { code: { startsWith: '$.' } },
      { notes: { contains: '"a":' } },
      { title: { contains: '%' } },
    ];
    const found = [];
    for (const filter of filters) {
      const { listings } = await ws.admin.client.data(listListings, { filter });
      found.push(listings.totalCount);
    }
    expect(found).toEqual([1, 1, 1, 1, 0]);
    // A LIKE wildcard in contains matches itself only.
    const wild = await ws.admin.client.data(listListings, { filter: { title: { contains: '_' } } });
    expect(wild.listings.totalCount).toBe(0);
    const searched = await ws.admin.client.data(listListings, { search: 'drop table x; --' });
    expect(searched.listings.nodes.map((n: { id: string }) => n.id)).toEqual([created.id]);
    expect(await countRows(server.databaseUrl, ws.admin.workspaceId, ws.listing.id)).toBe(1);
  });
});

describe('good values round-trip exactly', () => {
  it('every field type on create, read and update', async () => {
    const ws = await newListingWorkspace();
    const { createPerson: other } = await ws.admin.client.data(
      `mutation { createPerson(input: {name: "Quinn"}) { id } }`,
    );
    const input = {
      title: 'Flat with a view',
      code: 'FL-001',
      notes: 'Line one\nLine two — with ünïcödé ✓',
      email: 'agent@example.com',
      phone: '+44 20 7946 0958',
      website: 'https://example.com/listings/1?ref=crm',
      rooms: 3.5,
      price: { amount: 1234567.89, currency: 'USD' },
      commission: 2.75,
      furnished: false,
      availableOn: '2026-02-28',
      listedAt: '2026-05-01T09:30:00.123Z',
      status: 'live',
      features: ['pool', 'garden'],
      condition: 5,
      agent: ws.admin.userId,
      seller: ws.personId,
      viewers: [other.id, ws.personId],
    };
    const expected = {
      ...input,
      features: expect.arrayContaining(['garden', 'pool']),
      agent: undefined,
      agentId: ws.admin.userId,
      seller: undefined,
      sellerId: ws.personId,
      viewers: expect.arrayContaining([{ id: other.id }, { id: ws.personId }]),
    };
    const clean = (value: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

    const { createListing: created } = await ws.admin.client.data(createListing, { input });
    expect(created).toEqual({ id: expect.any(String), ...clean(expected) });
    expect(created.features).toHaveLength(2);
    expect(created.viewers).toHaveLength(2);
    const { listing } = await ws.admin.client.data(readListing, { id: created.id });
    expect(listing).toEqual(created);

    const patch = {
      rooms: -0.25,
      price: { amount: 0.01 },
      commission: 100,
      furnished: true,
      availableOn: '2024-02-29',
      listedAt: '2026-05-01T11:30:00+02:00',
      features: [],
      condition: 1,
      website: 'http://example.org/a%20b',
    };
    const { updateListing: updated } = await ws.admin.client.data(updateListing, {
      id: created.id,
      input: patch,
    });
    expect(updated).toMatchObject({
      rooms: -0.25,
      price: { amount: 0.01, currency: 'EUR' },
      commission: 100,
      furnished: true,
      availableOn: '2024-02-29',
      features: [],
      condition: 1,
      website: 'http://example.org/a%20b',
    });
    expect(Date.parse(updated.listedAt)).toBe(Date.parse('2026-05-01T09:30:00Z'));
    const again = await ws.admin.client.data(readListing, { id: created.id });
    expect(again.listing).toEqual(updated);
  });

  it('empties every optional field with null, and keeps false and zero as values', async () => {
    const ws = await newListingWorkspace();
    const { createListing: created } = await ws.admin.client.data(createListing, {
      input: { title: 'Zero', rooms: 0, furnished: false, commission: 0, price: { amount: 0 } },
    });
    expect(created).toMatchObject({
      rooms: 0,
      furnished: false,
      commission: 0,
      price: { amount: 0, currency: 'EUR' },
    });
    const nulls = Object.fromEntries(
      listingFields.filter((f) => !f.required && f.type !== 'RELATION').map((f) => [f.key, null]),
    );
    const { updateListing: emptied } = await ws.admin.client.data(updateListing, {
      id: created.id,
      input: { ...nulls, viewers: null },
    });
    expect(emptied).toMatchObject({
      title: 'Zero',
      code: null,
      rooms: null,
      price: null,
      furnished: null,
      features: [],
      agentId: null,
      viewers: [],
    });
  });

  it('normalises what has one canonical form: e-mail case, currency case, duplicate options', async () => {
    const ws = await newListingWorkspace();
    const { createListing: created } = await ws.admin.client.data(createListing, {
      input: {
        title: 'Canonical',
        email: '  Mixed.Case@Example.COM ',
        price: { amount: 10.005, currency: 'gbp' },
        features: ['lift', 'lift', 'garage'],
      },
    });
    expect(created.email).toBe('mixed.case@example.com');
    expect(created.price).toEqual({ amount: 10.01, currency: 'GBP' });
    expect([...created.features].sort()).toEqual(['garage', 'lift']);
    const { listings } = await ws.admin.client.data(listListings, {
      filter: { email: { eq: 'MIXED.case@example.com' } },
    });
    expect(listings.totalCount).toBe(1);
  });

  it('blank text is no value: not a unique value twice, and found by isEmpty and eq ""', async () => {
    const ws = await newListingWorkspace();
    const { createListings } = await ws.admin.client.data(
      `mutation ($inputs: [ListingCreateInput!]!) { createListings(inputs: $inputs) { id code } }`,
      {
        inputs: [
          { title: 'Blank one', code: '' },
          { title: 'Blank two', code: '' },
          { title: 'Coded', code: 'C' },
        ],
      },
    );
    expect(createListings.map((l: { code: string | null }) => l.code)).toEqual([null, null, 'C']);
    const counts = [];
    for (const filter of [{ code: { isEmpty: true } }, { code: { eq: '' } }, { code: { neq: '' } }]) {
      counts.push((await ws.admin.client.data(listListings, { filter })).listings.totalCount);
    }
    expect(counts).toEqual([2, 2, 1]);
  });
});
