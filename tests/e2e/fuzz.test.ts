import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type GraphQLResponse, type SignedUpUser } from '../support/client.js';
import { defineObject, objectId, schemaOf, tableOf } from '../support/records.js';
import { useServer } from '../support/server.js';

// Issue 11's acceptance: random filters, keys, labels and values (NUL, lone surrogates,
// huge numbers, Object.prototype names, nesting, wrong types) sent to the records and the
// metadata API. Every answer is data or a coded error, never an internal one, and a
// refused write leaves every count as it was. Fixed seed and run count: reproducible.

const runs = 200;
const seed = 20_261_202;

const server = useServer();
let owner: SignedUpUser;
let db: pg.Client;
let counts: () => Promise<number[]>;

beforeAll(async () => {
  owner = await newUser(server);
  await defineObject(owner.client, { key: 'gadget', labelSingular: 'Gadget' }, [
    { key: 'weight', type: 'NUMBER' },
    { key: 'size', type: 'SELECT', settings: { choices: [{ key: 'small', label: 'Small' }] } },
    { key: 'launched', type: 'DATE' },
    { key: 'site', type: 'URL' },
    { key: 'serial', type: 'TEXT', unique: true },
    { key: 'notes', type: 'LONG_TEXT' },
  ]);
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  const tables = [
    tableOf(owner.workspaceId, await objectId(owner.client, 'gadget')),
    tableOf(owner.workspaceId, await objectId(owner.client, 'company')),
    `"${schemaOf(owner.workspaceId)}".record_change`,
    'field_def',
    'object_def',
  ];
  counts = async () => {
    const { rows } = await db.query<{ n: string }>(
      tables.map((t) => `select count(*)::text as n from ${t}`).join(' union all '),
    );
    return rows.map((r) => Number(r.n));
  };
});
afterAll(async () => {
  await db?.end();
});

const nasty = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '😀',
  '',
  ' ',
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'presence',
  '__typename',
  "'; drop table app_user; --",
  'x'.repeat(5000),
];
const text = fc.oneof(
  fc.constantFrom(...nasty),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  // Any UTF-16 code unit, lone surrogates included.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 6 }),
);
const number = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 1e-320, 0, -0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const key = fc.oneof(
  fc.constantFrom('name', 'weight', 'size', 'launched', 'site', 'serial', 'notes', 'id', 'owner', 'version'),
  fc.constantFrom(...nasty),
  fc.string({ maxLength: 12 }),
);
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(key, scalar, { maxKeys: 3 }),
);

/** An object whose keys are all own data properties, `__proto__` included, as JSON sends them. */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const object = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of entries) object[k] = v;
  return object;
}
const anyRecord = fc.array(fc.tuple(key, value), { maxLength: 5 }).map(ownObject);
/** Mostly well-typed values, with the nasty text: the write path, not only the type checks. */
const typedRecord = fc.record(
  { name: text, weight: fc.oneof(number, fc.constant(null)), notes: text, serial: text },
  { requiredKeys: ['name'] },
);
const record = fc.oneof({ arbitrary: typedRecord, weight: 3 }, { arbitrary: anyRecord, weight: 2 });

const operator = fc.constantFrom(
  'eq',
  'neq',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'lt',
  'gte',
  'isEmpty',
  'is',
  'some',
  'nope',
);
const typedCondition = fc.oneof(
  text.map((t) => ({ name: { contains: t } })),
  fc.array(text, { maxLength: 3 }).map((list) => ({ serial: { in: list } })),
  number.map((n) => ({ weight: { gte: n } })),
  fc.boolean().map((b) => ({ notes: { isEmpty: b } })),
);
const { filter } = fc.letrec<{ filter: unknown }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    typedCondition,
    fc.tuple(key, operator, value).map(([k, op, v]) => ownObject([[k, ownObject([[op, v]])]])),
    fc.array(tie('filter'), { maxLength: 3 }).map((list) => ({ and: list })),
    fc.array(tie('filter'), { maxLength: 3 }).map((list) => ({ or: list })),
    tie('filter').map((inner) => ({ not: inner })),
    value,
  ),
}));

const fieldType = fc.oneof(
  fc.constantFrom('TEXT', 'NUMBER', 'SELECT', 'DATE', 'BOOLEAN', 'URL', 'RATING', 'MULTI_SELECT'),
  text,
);

interface Call {
  what: string;
  write: boolean;
  query: string;
  variables: Record<string, unknown>;
}

const calls: fc.Arbitrary<Call>[] = [
  fc
    .record(
      { filter, first: fc.oneof(fc.integer({ min: -5, max: 600 }), number, text) },
      { requiredKeys: [] },
    )
    .map((v) => ({
      what: 'list with a filter',
      write: false,
      query: `query ($filter: GadgetFilter, $first: Int) { gadgets(filter: $filter, first: $first) { totalCount edges { node { id name weight } } } }`,
      variables: v,
    })),
  fc.record({ filter, search: text }, { requiredKeys: [] }).map((v) => ({
    what: 'board with a JSON filter',
    write: false,
    query: `query ($filter: JSON, $search: String) { board(object: "deal", filter: $filter, search: $search) { columns { stage { key } totalCount } } }`,
    variables: v,
  })),
  record.map((input) => ({
    what: 'create',
    write: true,
    query: `mutation ($input: GadgetCreateInput!) { createGadget(input: $input) { id name } }`,
    variables: { input },
  })),
  fc.array(record, { maxLength: 3 }).map((inputs) => ({
    what: 'create many',
    write: true,
    query: `mutation ($inputs: [GadgetCreateInput!]!) { createGadgets(inputs: $inputs) { id } }`,
    variables: { inputs },
  })),
  fc
    .record({ key: text, label: text, type: fieldType, helpText: text, defaultValue: value })
    .map((input) => ({
      what: 'create field',
      write: true,
      query: `mutation ($input: CreateFieldInput!) { createField(input: $input) { id } }`,
      variables: { input: { object: 'gadget', ...input } },
    })),
  fc.record({ key: text, labelSingular: text, pluralKey: text }).map((input) => ({
    what: 'create object',
    write: true,
    query: `mutation ($input: CreateObjectInput!) { createObject(input: $input) { id } }`,
    variables: { input },
  })),
];

type Answer = GraphQLResponse<Record<string, unknown>>;

/** Sends the body as written, so `__proto__` keys travel as data like any client's JSON. */
async function send(call: Call): Promise<Answer> {
  return owner.client.request(call.query, call.variables);
}

describe('fuzzing the records and metadata APIs', () => {
  it(`answers ${runs} random requests with data or a coded error, and refused writes write nothing`, async () => {
    const outcomes = { data: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(...calls), async (call) => {
        const before = call.write ? await counts() : [];
        const answer = await send(call);
        const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code);
        const context = `${call.what} ${JSON.stringify(call.variables)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`;
        expect(answer.status, context).toBeLessThan(500);
        expect(
          codes.every((code) => typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR'),
          context,
        ).toBe(true);
        if (!answer.body.errors?.length) expect(answer.body.data, context).toBeTruthy();
        outcomes[answer.body.errors?.length ? 'refused' : 'data'] += 1;
        if (call.write && answer.body.errors?.length) expect(await counts(), context).toEqual(before);
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    // Both kinds of answer were exercised, not only refusals of malformed requests.
    expect(outcomes.data).toBeGreaterThan(runs / 10);
    expect(outcomes.refused).toBeGreaterThan(runs / 10);
  }, 180_000);
});
