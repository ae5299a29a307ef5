import { randomUUID } from 'node:crypto';
import {
  addFieldColumnsSql,
  columnNameFor,
  compileList,
  createFieldIndexSql,
  createJunctionSql,
  createLogger,
  createObjectTableSql,
  createRecordStore,
  junctionNameFor,
  openAppDatabase,
  schemaNameFor,
  systemFields,
  tableNameFor,
  type Database,
  type FieldDef,
  type FieldType,
  type ListArgs,
  type ObjectDef,
  type RecordChange,
  type RecordContext,
  type RecordFilter,
  type RecordRow,
  type SqlRecordStore,
  type WorkspaceMetadata,
  workspaceSchemaSql,
} from '@crm/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { newDatabase, query } from '../support/database.js';
import { eventually } from '../support/ws.js';

// The record store against real PostgreSQL: typed columns built from hand-made metadata,
// validation of every field type, filters, keyset pages, relations and their delete
// rules, conflicts, bulk writes and the change log.

type Fields = FieldDef[];

function field(objectId: string, key: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  const id = randomUUID();
  const toMany = type === 'RELATION' && extra.options?.relationKind !== 'MANY_TO_ONE';
  return {
    id,
    objectId,
    key,
    label: key,
    type,
    required: false,
    unique: false,
    defaultValue: null,
    helpText: null,
    filterable: true,
    sortable: type !== 'LONG_TEXT' && type !== 'MULTI_SELECT' && !toMany,
    options: {},
    column: toMany ? null : columnNameFor(id),
    standard: false,
    system: false,
    readOnly: false,
    position: 0,
    archivedAt: null,
    ...extra,
  };
}

function object(key: string, labelSingular: string, labelPlural: string): ObjectDef {
  const id = randomUUID();
  return {
    id,
    key,
    pluralKey: `${key}s`,
    labelSingular,
    labelPlural,
    description: null,
    icon: null,
    labelFieldId: null,
    table: tableNameFor(id),
    standard: false,
    position: 0,
    archivedAt: null,
    fields: systemFields(id),
  };
}

/** A many-to-one field on `owner` and its one-to-many inverse on `target`. */
function manyToOne(
  owner: ObjectDef,
  key: string,
  target: ObjectDef,
  inverseKey: string,
  extra: Partial<FieldDef> & { onDelete: 'RESTRICT' | 'SET_NULL' | 'CASCADE' },
): Fields {
  const { onDelete, ...rest } = extra;
  const fk = field(owner.id, key, 'RELATION', {
    ...rest,
    options: { targetObjectId: target.id, relationKind: 'MANY_TO_ONE', onDelete },
  });
  const inverse = field(target.id, inverseKey, 'RELATION', {
    readOnly: true,
    options: { targetObjectId: owner.id, relationKind: 'ONE_TO_MANY', inverseFieldId: fk.id },
  });
  fk.options.inverseFieldId = inverse.id;
  owner.fields.push(fk);
  target.fields.push(inverse);
  return [fk, inverse];
}

function manyToMany(a: ObjectDef, key: string, b: ObjectDef, inverseKey: string): Fields {
  const junctionTable = junctionNameFor(randomUUID());
  const here = field(a.id, key, 'RELATION', {
    options: { targetObjectId: b.id, relationKind: 'MANY_TO_MANY', junctionTable, junctionSide: 'a' },
  });
  const there = field(b.id, inverseKey, 'RELATION', {
    options: {
      targetObjectId: a.id,
      relationKind: 'MANY_TO_MANY',
      junctionTable,
      junctionSide: 'b',
      inverseFieldId: here.id,
    },
  });
  here.options.inverseFieldId = there.id;
  a.fields.push(here);
  b.fields.push(there);
  return [here, there];
}

const choices = (...keys: string[]) =>
  keys.map((key, position) => ({ key, label: key, color: '#2563eb', position }));

/** person; thing with a field of every type; note belonging to a thing. */
function buildMetadata(workspaceId: string): {
  metadata: WorkspaceMetadata;
  person: ObjectDef;
  thing: ObjectDef;
  note: ObjectDef;
} {
  const person = object('person', 'Person', 'People');
  const thing = object('thing', 'Thing', 'Things');
  const note = object('note', 'Note', 'Notes');
  person.fields.push(
    field(person.id, 'name', 'TEXT', { required: true }),
    field(person.id, 'email', 'EMAIL', { unique: true }),
    field(person.id, 'batch', 'TEXT'),
  );
  thing.fields.push(
    field(thing.id, 'name', 'TEXT', { required: true }),
    field(thing.id, 'notes', 'LONG_TEXT'),
    field(thing.id, 'email', 'EMAIL'),
    field(thing.id, 'phone', 'PHONE'),
    field(thing.id, 'website', 'URL'),
    field(thing.id, 'amount', 'NUMBER', { options: { precision: 2 } }),
    field(thing.id, 'price', 'CURRENCY', { options: { precision: 2, defaultCurrency: 'EUR' } }),
    field(thing.id, 'probability', 'PERCENT'),
    field(thing.id, 'active', 'BOOLEAN'),
    field(thing.id, 'closeDate', 'DATE'),
    field(thing.id, 'closedAt', 'DATETIME'),
    field(thing.id, 'stage', 'SELECT', {
      defaultValue: 'lead',
      options: { choices: choices('lead', 'won', 'lost') },
    }),
    field(thing.id, 'tags', 'MULTI_SELECT', { options: { choices: choices('hot', 'cold', 'vip') } }),
    field(thing.id, 'rating', 'RATING', { options: { max: 5 } }),
    field(thing.id, 'assignee', 'USER'),
    field(thing.id, 'code', 'TEXT', { unique: true }),
    field(thing.id, 'batch', 'TEXT'),
    field(thing.id, 'old', 'TEXT', { archivedAt: new Date() }),
  );
  manyToOne(thing, 'seller', person, 'sold', { onDelete: 'SET_NULL' });
  manyToOne(thing, 'buyer', person, 'bought', { onDelete: 'RESTRICT' });
  manyToMany(thing, 'watchers', person, 'watching');
  note.fields.push(field(note.id, 'body', 'TEXT'), field(note.id, 'batch', 'TEXT'));
  manyToOne(note, 'about', thing, 'comments', { onDelete: 'CASCADE', required: true });
  const metadata = {
    workspaceId,
    version: 1,
    schema: schemaNameFor(workspaceId),
    objects: [person, thing, note],
  };
  return { metadata, person, thing, note };
}

function schemaSql(metadata: WorkspaceMetadata): string[] {
  const { schema, objects } = metadata;
  const byId = new Map(objects.map((o) => [o.id, o]));
  const statements = [
    ...workspaceSchemaSql(schema),
    ...objects.flatMap((o) => createObjectTableSql(schema, o.table)),
  ];
  const junctions = new Set<string>();
  for (const o of objects) {
    for (const f of o.fields.filter((f) => !f.system)) {
      const target = f.options.targetObjectId ? byId.get(f.options.targetObjectId) : undefined;
      if (f.column) statements.push(...addFieldColumnsSql(schema, o, f, target));
      if (f.column && f.unique) statements.push(createFieldIndexSql(schema, o, f, true, false));
      if (f.column && f.sortable) statements.push(createFieldIndexSql(schema, o, f, false, false));
      const junction = f.options.junctionTable;
      if (junction && f.options.junctionSide === 'a' && target && !junctions.has(junction)) {
        junctions.add(junction);
        statements.push(...createJunctionSql(schema, junction, o, target));
      }
    }
  }
  return statements;
}

let db: Database;
let databaseUrl: string;
let metadata: WorkspaceMetadata;
let person: ObjectDef;
let thing: ObjectDef;
let note: ObjectDef;
const actor = randomUUID();
const member = randomUUID();
const outsider = randomUUID();
const store = createRecordStore();

function ctx(actorId = actor): RecordContext {
  return { em: db.orm.em.fork(), metadata, actorId };
}

/** A store whose after-commit hook hands each write's logged changes to `committed`. */
function storeCommittingTo(committed: (changes: RecordChange[]) => void): SqlRecordStore {
  return createRecordStore([{ afterCommit: ({ changes }) => committed(changes) }]);
}

interface Failure {
  code: unknown;
  path: unknown;
  message: string;
  extensions: Record<string, unknown>;
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    const { extensions, message } = error as { extensions?: Record<string, unknown>; message: string };
    if (!extensions) throw error;
    return { code: extensions.code, path: extensions.argumentPath, message, extensions };
  }
  throw new Error('expected the call to fail');
}

function batchName(): string {
  return `b-${randomUUID().slice(0, 8)}`;
}

async function list(object: ObjectDef, batch: string, args: ListArgs = {}): Promise<RecordRow[]> {
  const filter: RecordFilter = args.filter
    ? { and: [{ batch: { eq: batch } }, args.filter] }
    : { batch: { eq: batch } };
  const page = await store.list(ctx(), object, { first: 500, ...args, filter });
  return page.nodes;
}

async function changeRows(recordId: string) {
  return query<{
    kind: string;
    changes: Record<string, unknown>;
    version: number;
    actor_id: string;
    object_id: string;
  }>(
    databaseUrl,
    `select kind, changes, version, actor_id, object_id from ${metadata.schema}.record_change where record_id = $1 order by id`,
    [recordId],
  );
}

beforeAll(async () => {
  databaseUrl = await newDatabase();
  db = await openAppDatabase({ databaseUrl, dataDir: '.', embeddedPgPort: 0 }, createLogger('silent'));
  const workspaceId = randomUUID();
  ({ metadata, person, thing, note } = buildMetadata(workspaceId));
  const em = db.orm.em.fork();
  await em.execute('insert into workspace (id, name, schema_name) values (?, ?, ?)', [
    workspaceId,
    'Records',
    metadata.schema,
  ]);
  for (const id of [actor, member, outsider]) {
    await em.execute('insert into app_user (id, email, name, password_hash) values (?, ?, ?, ?)', [
      id,
      `${id}@example.com`,
      'U',
      'x',
    ]);
  }
  for (const id of [actor, member]) {
    await em.execute(`insert into membership (id, workspace_id, user_id, role) values (?, ?, ?, 'member')`, [
      randomUUID(),
      workspaceId,
      id,
    ]);
  }
  for (const sql of schemaSql(metadata)) await em.execute(sql);
});

afterAll(async () => {
  await db?.close();
});

async function newPerson(name: string, extra: Record<string, unknown> = {}): Promise<RecordRow> {
  return store.create(ctx(), person, { name, ...extra });
}

describe('values of every field type', () => {
  it('writes, coerces and reads back a value of every type', async () => {
    const [p1, p2] = [await newPerson('Pia'), await newPerson('Paul')];
    const row = await store.create(ctx(), thing, {
      name: 'Every type',
      notes: 'Long\nnotes',
      email: 'Ann@Example.COM',
      phone: '+1 (555) 010-0000',
      website: 'https://example.com/x',
      amount: 12.346,
      price: { amount: '99.999', currency: 'usd' },
      probability: 0.25,
      active: true,
      closeDate: '2026-05-01',
      closedAt: '2026-05-01T09:30:00.123Z',
      stage: 'won',
      tags: ['hot', 'vip', 'hot'],
      rating: 4,
      assignee: member,
      code: 'every-1',
      seller: p1!.id,
      watchers: [p2!.id, p1!.id, p2!.id],
      owner: member,
    });
    expect(row).toMatchObject({
      name: 'Every type',
      notes: 'Long\nnotes',
      email: 'ann@example.com',
      phone: '+1 (555) 010-0000',
      website: 'https://example.com/x',
      amount: 12.35,
      price: { amount: 100, currency: 'USD' },
      probability: 0.25,
      active: true,
      closeDate: '2026-05-01',
      closedAt: new Date('2026-05-01T09:30:00.123Z'),
      stage: 'won',
      tags: ['hot', 'vip'],
      rating: 4,
      assignee: member,
      code: 'every-1',
      seller: p1!.id,
      buyer: null,
      watchers: [p1!.id, p2!.id].sort(),
      owner: member,
      createdBy: actor,
      updatedBy: actor,
      version: 1,
      deletedAt: null,
    });
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(row).not.toHaveProperty('old');
    expect(row).not.toHaveProperty('comments');
    expect(await store.getMany(ctx(), thing, [row.id])).toEqual([row]);
  });

  it('logs each value as it reads back once stored, for every type', async () => {
    // The log's values are known before the row's statement runs (it travels with the log and
    // COMMIT): whatever the input's spelling, they must be the stored ones.
    const [p1, p2] = [await newPerson('Lia'), await newPerson('Luc')];
    const row = await store.create(ctx(), thing, {
      name: ' Logged types ',
      email: 'Ann@Example.COM',
      amount: 12.346,
      price: { amount: '99.999', currency: 'usd' },
      probability: 0.1 + 0.2,
      active: false,
      closeDate: '2026-05-01',
      closedAt: '2026-05-01T09:30:00.123+02:00',
      tags: ['hot', 'vip', 'hot'],
      rating: 4,
      assignee: member.toUpperCase(),
      seller: p1!.id.toUpperCase(),
      owner: member.toUpperCase(),
    });
    const asJson = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as unknown;
    const loggedAgainst = async (index: number, read: RecordRow) => {
      const logged = (await changeRows(read.id))[index]!.changes as Record<string, [unknown, unknown]>;
      expect(Object.keys(logged).length).toBeGreaterThan(0);
      for (const [key, [, value]] of Object.entries(logged))
        expect([key, value]).toEqual([key, asJson(read[key])]);
    };
    await loggedAgainst(0, (await store.getMany(ctx(), thing, [row.id]))[0]!);
    await store.update(ctx(), thing, {
      id: row.id,
      patch: {
        email: 'BOB@example.com',
        amount: '7.005',
        price: { amount: 1, currency: 'eur' },
        closedAt: new Date('2026-06-01T00:00:00Z').toISOString(),
        tags: ['vip', 'cold', 'vip'],
        assignee: null,
        seller: p2!.id.toUpperCase(),
      },
    });
    await loggedAgainst(1, (await store.getMany(ctx(), thing, [row.id]))[0]!);
  });

  it('fills defaults, the owner and empty values', async () => {
    const row = await store.create(ctx(), thing, { name: 'Defaults' });
    expect(row).toMatchObject({
      stage: 'lead',
      owner: actor,
      tags: [],
      watchers: [],
      price: null,
      amount: null,
      closedAt: null,
    });
  });

  it('stores values that look like SQL or JSON paths as plain values', async () => {
    const batch = batchName();
    const values = [`x'); drop table app_user; --`, '$.a[0] ? :x \\ "q"', '{"a": 1}', '?? ?'];
    for (const name of values) await store.create(ctx(), thing, { name, notes: name, batch });
    const rows = await list(thing, batch, { sort: [{ field: 'name', direction: 'ASC' }] });
    expect(rows.map((r) => r.name).sort()).toEqual([...values].sort());
    for (const name of values) {
      expect((await list(thing, batch, { filter: { name: { eq: name } } })).map((r) => r.notes)).toEqual([
        name,
      ]);
      expect(await list(thing, batch, { filter: { notes: { contains: name } } })).toHaveLength(1);
    }
  });

  const bad: [string, Record<string, unknown>, string[]][] = [
    ['text', { name: 5 }, ['input', 'name']],
    ['e-mail', { email: 'not an address' }, ['input', 'email']],
    ['phone', { phone: 'call me' }, ['input', 'phone']],
    ['url', { website: 'ftp://example.com' }, ['input', 'website']],
    ['number', { amount: 'lots' }, ['input', 'amount']],
    ['currency amount', { price: { amount: 'x' } }, ['input', 'price', 'amount']],
    ['currency code', { price: { amount: 1, currency: 'XXX' } }, ['input', 'price', 'currency']],
    ['currency shape', { price: 12 }, ['input', 'price']],
    ['percent', { probability: Number.NaN }, ['input', 'probability']],
    ['boolean', { active: 'yes' }, ['input', 'active']],
    ['date', { closeDate: '2026-02-30' }, ['input', 'closeDate']],
    ['date-time', { closedAt: 'yesterday' }, ['input', 'closedAt']],
    ['select', { stage: 'maybe' }, ['input', 'stage']],
    ['multi-select', { tags: ['hot', 'lukewarm'] }, ['input', 'tags', '1']],
    ['rating', { rating: 6 }, ['input', 'rating']],
    ['user id', { assignee: 'me' }, ['input', 'assignee']],
    ['user outside the workspace', { assignee: outsider }, ['input', 'assignee']],
    ['owner outside the workspace', { owner: outsider }, ['input', 'owner']],
    ['dangling relation', { seller: randomUUID() }, ['input', 'seller']],
    ['dangling many-to-many id', { watchers: [randomUUID()] }, ['input', 'watchers']],
    ['many-to-many shape', { watchers: 'x' }, ['input', 'watchers']],
    ['unknown key', { nope: 1 }, ['input', 'nope']],
    ['system key', { createdAt: '2026-01-01T00:00:00Z' }, ['input', 'createdAt']],
    ['id', { id: randomUUID() }, ['input', 'id']],
    ['version', { version: 3 }, ['input', 'version']],
    ['archived field', { old: 'x' }, ['input', 'old']],
    ['one-to-many side', { comments: [] }, ['input', 'comments']],
    ['missing required field', { name: undefined }, ['input', 'name']],
    ['required field set to null', { name: null }, ['input', 'name']],
  ];

  it.each(bad)('refuses a bad %s, naming its path, and writes nothing', async (_what, values, path) => {
    const batch = batchName();
    const error = await failure(store.create(ctx(), thing, { name: 'Bad', batch, ...values }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', path });
    expect(await list(thing, batch)).toEqual([]);
  });

  it('says "no such record" for a dangling or deleted related record', async () => {
    const gone = await newPerson('Gone');
    await store.delete(ctx(), person, gone.id);
    for (const seller of [randomUUID(), gone.id]) {
      const error = await failure(store.create(ctx(), thing, { name: 'Dangling', seller }));
      expect(error.path).toEqual(['input', 'seller']);
      expect(error.message).toMatch(/no such record/);
    }
  });

  it('refuses to empty a required field on update', async () => {
    const row = await store.create(ctx(), thing, { name: 'Required' });
    const error = await failure(store.update(ctx(), thing, { id: row.id, patch: { name: null } }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', path: ['input', 'name'] });
    expect(
      await failure(store.update(ctx(), thing, { id: row.id, patch: { updatedBy: actor } })),
    ).toMatchObject({
      path: ['input', 'updatedBy'],
    });
  });
});

describe('filters', () => {
  const batch = batchName();
  const rows: Record<string, RecordRow> = {};
  let pat: RecordRow;
  let pam: RecordRow;
  let before: Date;

  beforeAll(async () => {
    before = new Date(Date.now() - 1000);
    pat = await newPerson('Pat', { batch });
    pam = await newPerson('Pam', { batch });
    const inputs: Record<string, unknown>[] = [
      {
        name: 'Alpha 50% off',
        notes: 'first',
        email: 'a@alpha.test',
        phone: '+1 555 0100',
        website: 'https://alpha.test/',
        amount: 10,
        price: { amount: 100, currency: 'EUR' },
        probability: 0.1,
        active: true,
        closeDate: '2026-01-10',
        closedAt: '2026-01-10T10:00:00Z',
        stage: 'lead',
        tags: ['hot'],
        rating: 1,
        assignee: actor,
        seller: pat.id,
        watchers: [pat.id],
      },
      {
        name: 'Beta',
        notes: '',
        amount: 20,
        price: { amount: 200, currency: 'USD' },
        active: false,
        closeDate: '2026-02-10',
        closedAt: '2026-02-10T10:00:00Z',
        stage: 'won',
        tags: ['hot', 'vip'],
        rating: 3,
        assignee: member,
        seller: pam.id,
        buyer: pat.id,
        watchers: [pat.id, pam.id],
      },
      {
        name: 'Gamma',
        amount: 30,
        price: { amount: 300, currency: 'EUR' },
        active: true,
        closeDate: '2026-03-10',
        closedAt: '2026-03-10T10:00:00Z',
        stage: 'lost',
        tags: [],
        rating: 5,
      },
      { name: 'Delta_x', stage: null },
    ];
    const created = await store.createMany(
      ctx(),
      thing,
      inputs.map((input) => ({ ...input, batch })),
    );
    for (const row of created) rows[String(row.name).split(' ')[0]!.split('_')[0]!] = row;
  });

  async function names(filter: RecordFilter, object: ObjectDef = thing): Promise<string[]> {
    return (await list(object, batch, { filter, sort: [{ field: 'name', direction: 'ASC' }] })).map(
      (r) => String(r.name).split(/[ _]/)[0]!,
    );
  }

  it.each<[string, RecordFilter, string[]]>([
    ['text eq', { name: { eq: 'Beta' } }, ['Beta']],
    ['text neq', { name: { neq: 'Beta' } }, ['Alpha', 'Delta', 'Gamma']],
    ['text in', { name: { in: ['Beta', 'Gamma'] } }, ['Beta', 'Gamma']],
    ['text notIn', { name: { notIn: ['Beta'] } }, ['Alpha', 'Delta', 'Gamma']],
    ['text contains a literal %', { name: { contains: '50%' } }, ['Alpha']],
    ['text contains a literal _', { name: { contains: '_' } }, ['Delta']],
    ['text contains, any case', { name: { contains: 'AMM' } }, ['Gamma']],
    ['text startsWith', { name: { startsWith: 'del' } }, ['Delta']],
    ['long text isEmpty (null or blank)', { notes: { isEmpty: true } }, ['Beta', 'Delta', 'Gamma']],
    ['long text not empty', { notes: { isEmpty: false } }, ['Alpha']],
    ['e-mail eq, normalised', { email: { eq: 'A@ALPHA.TEST' } }, ['Alpha']],
    ['phone startsWith', { phone: { startsWith: '+1 555' } }, ['Alpha']],
    ['url eq', { website: { eq: 'https://alpha.test' } }, ['Alpha']],
    ['number eq', { amount: { eq: 20 } }, ['Beta']],
    ['number neq keeps empty', { amount: { neq: 20 } }, ['Alpha', 'Delta', 'Gamma']],
    ['number gt', { amount: { gt: 10 } }, ['Beta', 'Gamma']],
    ['number gte', { amount: { gte: 10 } }, ['Alpha', 'Beta', 'Gamma']],
    ['number lt', { amount: { lt: 30 } }, ['Alpha', 'Beta']],
    ['number lte', { amount: { lte: 20 } }, ['Alpha', 'Beta']],
    ['number in', { amount: { in: [10, 30] } }, ['Alpha', 'Gamma']],
    ['number notIn', { amount: { notIn: [10] } }, ['Beta', 'Delta', 'Gamma']],
    ['number isEmpty', { amount: { isEmpty: true } }, ['Delta']],
    ['currency amount', { price: { gte: 200 } }, ['Beta', 'Gamma']],
    ['currency amount and code', { price: { gte: { amount: 100, currency: 'EUR' } } }, ['Alpha', 'Gamma']],
    ['currency isEmpty', { price: { isEmpty: true } }, ['Delta']],
    ['percent eq', { probability: { eq: 0.1 } }, ['Alpha']],
    ['boolean eq true', { active: { eq: true } }, ['Alpha', 'Gamma']],
    ['boolean eq false', { active: { eq: false } }, ['Beta']],
    ['boolean neq keeps empty', { active: { neq: true } }, ['Beta', 'Delta']],
    ['boolean isEmpty', { active: { isEmpty: true } }, ['Delta']],
    ['date gte', { closeDate: { gte: '2026-02-01' } }, ['Beta', 'Gamma']],
    ['date lt', { closeDate: { lt: '2026-02-10' } }, ['Alpha']],
    ['date in', { closeDate: { in: ['2026-01-10', '2026-03-10'] } }, ['Alpha', 'Gamma']],
    ['date-time gt', { closedAt: { gt: '2026-01-10T10:00:00Z' } }, ['Beta', 'Gamma']],
    ['date-time lte', { closedAt: { lte: '2026-02-10T10:00:00.000Z' } }, ['Alpha', 'Beta']],
    ['select eq', { stage: { eq: 'won' } }, ['Beta']],
    ['select in', { stage: { in: ['won', 'lost'] } }, ['Beta', 'Gamma']],
    ['select neq keeps empty', { stage: { neq: 'won' } }, ['Alpha', 'Delta', 'Gamma']],
    ['select isEmpty', { stage: { isEmpty: true } }, ['Delta']],
    ['multi-select contains one', { tags: { contains: ['hot'] } }, ['Alpha', 'Beta']],
    ['multi-select contains all', { tags: { contains: ['hot', 'vip'] } }, ['Beta']],
    ['multi-select in (any of)', { tags: { in: ['vip', 'cold'] } }, ['Beta']],
    ['multi-select notIn (none of)', { tags: { notIn: ['hot'] } }, ['Delta', 'Gamma']],
    ['multi-select isEmpty', { tags: { isEmpty: true } }, ['Delta', 'Gamma']],
    ['rating gte', { rating: { gte: 3 } }, ['Beta', 'Gamma']],
    ['user eq', { assignee: { eq: member } }, ['Beta']],
    ['user isEmpty', { assignee: { isEmpty: true } }, ['Delta', 'Gamma']],
    ['many-to-one by id', { seller: { eq: '00000000-0000-4000-8000-000000000000' } }, []],
    ['many-to-one isEmpty', { seller: { isEmpty: true } }, ['Delta', 'Gamma']],
    ['many-to-one is', { seller: { is: { name: { eq: 'Pam' } } } }, ['Beta']],
    ['many-to-many some', { watchers: { some: { name: { eq: 'Pat' } } } }, ['Alpha', 'Beta']],
    ['many-to-many none', { watchers: { none: { name: { eq: 'Pam' } } } }, ['Alpha', 'Delta', 'Gamma']],
    ['many-to-many isEmpty', { watchers: { isEmpty: true } }, ['Delta', 'Gamma']],
    [
      'system createdAt',
      { createdAt: { gte: new Date(Date.now() - 3_600_000).toISOString() } },
      ['Alpha', 'Beta', 'Delta', 'Gamma'],
    ],
    ['system owner', { owner: { neq: actor } }, []],
    ['or', { or: [{ stage: { eq: 'won' } }, { amount: { lt: 15 } }] }, ['Alpha', 'Beta']],
    ['and', { and: [{ active: { eq: true } }, { amount: { gt: 10 } }] }, ['Gamma']],
    ['not keeps empty values', { not: { active: { eq: true } } }, ['Beta', 'Delta']],
  ])('%s', async (_what, filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('filters relations by id, to-many included, and by system id', async () => {
    expect(await names({ seller: { eq: pat.id } })).toEqual(['Alpha']);
    expect(await names({ watchers: { eq: pam.id } })).toEqual(['Beta']);
    expect(await names({ watchers: { notIn: [pam.id] } })).toEqual(['Alpha', 'Delta', 'Gamma']);
    expect(await names({ id: { in: [rows.Alpha!.id, rows.Gamma!.id] } })).toEqual(['Alpha', 'Gamma']);
    expect(await names({ createdAt: { lt: before.toISOString() } })).toEqual([]);
  });

  it('filters one-to-many relations from the other side with some and none', async () => {
    expect(await names({ sold: { some: { stage: { eq: 'won' } } } }, person)).toEqual(['Pam']);
    expect(await names({ sold: { none: { stage: { eq: 'won' } } } }, person)).toEqual(['Pat']);
    expect(await names({ bought: { isEmpty: false } }, person)).toEqual(['Pat']);
    expect(await names({ watching: { some: { amount: { gt: 15 } } } }, person)).toEqual(['Pam', 'Pat']);
  });

  it('counts matches separately, only when asked', async () => {
    const page = await store.list(ctx(), thing, {
      filter: { and: [{ batch: { eq: batch } }, { active: { isEmpty: false } }] },
      first: 1,
    });
    expect(page.nodes).toHaveLength(1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(await page.totalCount()).toBe(3);
  });

  it('refuses operators, fields and nesting the registry does not allow, naming the path', async () => {
    const cases: [RecordFilter, string[]][] = [
      [{ price: { contains: 'x' } }, ['filter', 'price', 'contains']],
      [{ tags: { eq: 'hot' } }, ['filter', 'tags', 'eq']],
      [{ nope: { eq: 1 } }, ['filter', 'nope']],
      [{ old: { eq: 'x' } }, ['filter', 'old']],
      [{ seller: { is: { sold: { some: {} } } } }, ['filter', 'seller', 'is', 'sold', 'some']],
    ];
    for (const [filter, path] of cases) {
      expect(await failure(store.list(ctx(), thing, { filter }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        path,
      });
    }
  });

  it('uses the b-tree indexes of typed columns', async () => {
    const amount = thing.fields.find((f) => f.key === 'amount')!.column!;
    const closeDate = thing.fields.find((f) => f.key === 'closeDate')!.column!;
    const plans = await db.orm.em.fork().transactional(async (em) => {
      await em.execute('set local enable_seqscan = off');
      const explain = async (args: ListArgs) => {
        const { page } = compileList(metadata, thing, args);
        const rows = await em.execute<{ 'QUERY PLAN': string }[]>(`explain ${page.sql}`, page.params);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      };
      return [
        await explain({
          filter: { amount: { gte: 5, lt: 100 } },
          sort: [{ field: 'amount', direction: 'ASC' }],
        }),
        await explain({
          filter: { closeDate: { gte: '2026-01-01' } },
          sort: [{ field: 'closeDate', direction: 'ASC' }],
        }),
        await explain({}),
      ];
    });
    expect(plans[0]).toContain(`${amount}_idx`);
    expect(plans[1]).toContain(`${closeDate}_idx`);
    expect(plans[2]).toContain(`${thing.table}_created`);
  });
});

describe('search', () => {
  const batch = batchName();
  beforeAll(async () => {
    await store.createMany(ctx(), thing, [
      { name: 'Acme Corporation', notes: 'quarterly renewal', batch },
      { name: 'Globex', email: 'sales@globex.test', batch },
      { name: 'Initech', notes: 'acme competitor', batch },
    ]);
  });

  const found = async (search: string) =>
    (await list(thing, batch, { search, sort: [{ field: 'name', direction: 'ASC' }] })).map((r) => r.name);

  it('matches words of searchable fields, the last one as a prefix', async () => {
    expect(await found('acm')).toEqual(['Acme Corporation', 'Initech']);
    expect(await found('corporation')).toEqual(['Acme Corporation']);
    expect(await found('renew')).toEqual(['Acme Corporation']);
    expect(await found('quarterly acm')).toEqual(['Acme Corporation']);
    expect(await found('acme -initech')).toEqual(['Acme Corporation']);
    expect(await found('"acme competitor"')).toEqual(['Initech']);
    expect(await found('glob')).toEqual(['Globex']);
    expect(await found('zzz')).toEqual([]);
  });

  it('keeps the search index current on partial updates', async () => {
    const [acme] = await list(thing, batch, { filter: { name: { startsWith: 'Acme' } } });
    await store.update(ctx(), thing, { id: acme!.id, patch: { name: 'Umbrella' } });
    expect(await found('umbr')).toEqual(['Umbrella']);
    expect(await found('renewal')).toEqual(['Umbrella']);
    expect(await found('corporation')).toEqual([]);
    await store.update(ctx(), thing, { id: acme!.id, patch: { amount: 5 } });
    expect(await found('umbrella renewal')).toEqual(['Umbrella']);
  });
});

describe('sort and keyset pagination', () => {
  async function pages(
    batch: string,
    args: ListArgs,
    between?: (page: number) => Promise<void>,
  ): Promise<RecordRow[]> {
    const seen: RecordRow[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const connection = await store.list(ctx(), thing, { ...args, filter: { batch: { eq: batch } }, after });
      seen.push(...connection.nodes);
      expect(connection.edges.map((e) => e.node)).toEqual(connection.nodes);
      if (!connection.pageInfo.hasNextPage) return seen;
      after = connection.pageInfo.endCursor;
      await between?.(page);
    }
    throw new Error('too many pages');
  }

  const byAmount = (direction: 'ASC' | 'DESC') => (a: RecordRow, b: RecordRow) => {
    const [x, y] = [a.amount as number | null, b.amount as number | null];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return direction === 'ASC' ? x - y : y - x;
    }
    return direction === 'ASC' ? (a.id < b.id ? -1 : 1) : a.id < b.id ? 1 : -1;
  };

  it('pages stay stable while records are inserted between pages', async () => {
    const batch = batchName();
    const amounts = [5, 1, null, 3, 3, null, 9];
    const originals = await store.createMany(
      ctx(),
      thing,
      amounts.map((amount, i) => ({ name: `S${i}`, amount, batch })),
    );
    const inserted: RecordRow[] = [];
    const seen = await pages(
      batch,
      { first: 3, sort: [{ field: 'amount', direction: 'ASC' }] },
      async (page) => {
        if (page > 0) return;
        // One sorts before the cursor (never shown), two after it (shown once, in place).
        for (const amount of [0, 4, null])
          inserted.push(await store.create(ctx(), thing, { name: `N${amount}`, amount, batch }));
      },
    );
    const ids = seen.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(inserted[0]!.id);
    const expected = [...originals, inserted[1]!, inserted[2]!].sort(byAmount('ASC'));
    expect(ids).toEqual(expected.map((r) => r.id));
  });

  it('sorts descending with nulls last, and on several keys', async () => {
    const batch = batchName();
    const rows = await store.createMany(
      ctx(),
      thing,
      [4, null, 7, 4, 1].map((amount, i) => ({ name: `D${i % 2}`, amount, batch })),
    );
    const seen = await pages(batch, { first: 2, sort: [{ field: 'amount', direction: 'DESC' }] });
    expect(seen.map((r) => r.id)).toEqual([...rows].sort(byAmount('DESC')).map((r) => r.id));
    const multi = await pages(batch, {
      first: 2,
      sort: [
        { field: 'name', direction: 'ASC' },
        { field: 'amount', direction: 'ASC', nulls: 'FIRST' },
      ],
    });
    expect(multi.map((r) => [r.name, r.amount])).toEqual([
      ['D0', 1],
      ['D0', 4],
      ['D0', 7],
      ['D1', null],
      ['D1', 4],
    ]);
  });

  it('pages through records created in one transaction (same createdAt) by id', async () => {
    const batch = batchName();
    const rows = await store.createMany(
      ctx(),
      thing,
      [1, 2, 3, 4, 5].map((i) => ({ name: `T${i}`, batch })),
    );
    const seen = await pages(batch, { first: 2 });
    expect(seen.map((r) => r.id)).toEqual(
      rows
        .map((r) => r.id)
        .sort()
        .reverse(),
    );
  });

  it('refuses bad page sizes, unsortable fields and foreign cursors', async () => {
    expect((await failure(store.list(ctx(), thing, { first: 501 }))).path).toEqual(['first']);
    expect(
      (await failure(store.list(ctx(), thing, { sort: [{ field: 'notes', direction: 'ASC' }] }))).path,
    ).toEqual(['sort', '0', 'field']);
    const { pageInfo } = await store.list(ctx(), thing, { first: 1 });
    const foreign = store.list(ctx(), thing, {
      after: pageInfo.endCursor,
      sort: [{ field: 'name', direction: 'ASC' }],
    });
    expect((await failure(foreign)).path).toEqual(['after']);
  });
});

describe('relations', () => {
  it('reads one-to-many and many-to-many related records for many parents in one call', async () => {
    const [ann, bob] = [await newPerson('Ann'), await newPerson('Bob')];
    const one = await store.create(ctx(), thing, { name: 'One', seller: ann.id, watchers: [ann.id, bob.id] });
    const two = await store.create(ctx(), thing, { name: 'Two', seller: ann.id, watchers: [bob.id] });
    const sold = await store.related(
      ctx(),
      person,
      person.fields.find((f) => f.key === 'sold')!,
      [ann.id, bob.id],
    );
    expect(sold.get(ann.id)!.map((r) => r.name)).toEqual(['One', 'Two']);
    expect(sold.get(bob.id)).toEqual([]);
    const watching = await store.related(
      ctx(),
      person,
      person.fields.find((f) => f.key === 'watching')!,
      [ann.id, bob.id],
    );
    expect(watching.get(ann.id)!.map((r) => r.name)).toEqual(['One']);
    expect(watching.get(bob.id)!.map((r) => r.name)).toEqual(['One', 'Two']);
    const watchers = await store.related(
      ctx(),
      thing,
      thing.fields.find((f) => f.key === 'watchers')!,
      [one.id],
    );
    expect(
      watchers
        .get(one.id)!
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Ann', 'Bob']);

    const updated = await store.update(ctx(), thing, { id: one.id, patch: { watchers: [bob.id] } });
    expect(updated.watchers).toEqual([bob.id]);
    expect(
      (
        await store.related(
          ctx(),
          person,
          person.fields.find((f) => f.key === 'watching')!,
          [ann.id],
        )
      ).get(ann.id),
    ).toEqual([]);
    expect(two.watchers).toEqual([bob.id]);
  });

  it('gets records by id in the order asked, null where missing or deleted', async () => {
    const [a, b] = [await newPerson('GetA'), await newPerson('GetB')];
    await store.delete(ctx(), person, b.id);
    const rows = await store.getMany(ctx(), person, [
      b.id,
      a.id,
      randomUUID(),
      'not-an-id',
      a.id.toUpperCase(),
    ]);
    expect(rows.map((r) => r?.name ?? null)).toEqual([null, 'GetA', null, null, 'GetA']);
    const withDeleted = await store.getMany(ctx(), person, [b.id], { includeDeleted: true });
    expect(withDeleted[0]).toMatchObject({ name: 'GetB', deletedAt: expect.any(Date) });
  });

  it('RESTRICT refuses to delete a record something points to', async () => {
    const buyer = await newPerson('Buyer');
    const deal = await store.create(ctx(), thing, { name: 'Bought', buyer: buyer.id });
    const error = await failure(store.delete(ctx(), person, buyer.id));
    expect(error).toMatchObject({
      code: 'CONFLICT',
      extensions: { object: 'thing', field: 'buyer', count: 1 },
    });
    expect((await store.getMany(ctx(), person, [buyer.id]))[0]).not.toBeNull();
    await store.delete(ctx(), thing, deal.id);
    expect((await store.delete(ctx(), person, buyer.id)).deletedAt).toBeInstanceOf(Date);
  });

  it('SET_NULL empties the pointing field, logged as an update', async () => {
    const seller = await newPerson('Seller');
    const deal = await store.create(ctx(), thing, { name: 'Sold', seller: seller.id });
    const committed: RecordChange[] = [];
    await storeCommittingTo((changes) => void committed.push(...changes)).delete(ctx(), person, seller.id);
    const [after] = await store.getMany(ctx(), thing, [deal.id]);
    expect(after).toMatchObject({ seller: null, version: 2 });
    expect(committed.map((c) => [c.kind, c.recordId])).toEqual([
      ['delete', seller.id],
      ['update', deal.id],
    ]);
    expect(committed[1]!.changes).toEqual({ seller: [seller.id, null] });
    expect((await changeRows(deal.id)).map((r) => r.kind)).toEqual(['create', 'update']);
  });

  it('CASCADE deletes the pointing records, and restore brings back those deleted with it', async () => {
    const parent = await store.create(ctx(), thing, { name: 'Parent' });
    const batch = batchName();
    const [n1, n2, n3] = await store.createMany(
      ctx(),
      note,
      [1, 2, 3].map((i) => ({ body: `n${i}`, about: parent.id, batch })),
    );
    await store.delete(ctx(), note, n3!.id);
    await store.delete(ctx(), thing, parent.id);
    expect(await list(note, batch)).toEqual([]);
    expect(await store.getMany(ctx(), note, [n1!.id, n2!.id])).toEqual([null, null]);
    expect((await list(note, batch, { includeDeleted: true })).map((r) => r.body).sort()).toEqual([
      'n1',
      'n2',
      'n3',
    ]);

    const orphan = await failure(store.restore(ctx(), note, n3!.id));
    expect(orphan).toMatchObject({ code: 'CONFLICT', extensions: { field: 'about' } });

    const restored = await store.restore(ctx(), thing, parent.id);
    expect(restored.deletedAt).toBeNull();
    expect((await list(note, batch)).map((r) => r.body).sort()).toEqual(['n1', 'n2']);
    expect((await store.restore(ctx(), note, n3!.id)).deletedAt).toBeNull();
  });

  it('restoring a record whose SET_NULL target is gone empties that field', async () => {
    const seller = await newPerson('Seller later gone');
    const deal = await store.create(ctx(), thing, { name: 'Deleted first', seller: seller.id });
    await store.delete(ctx(), thing, deal.id);
    await store.delete(ctx(), person, seller.id);
    const restored = await store.restore(ctx(), thing, deal.id);
    expect(restored).toMatchObject({ seller: null, deletedAt: null });
  });

  it('soft-deleted records leave lists and lookups; delete and restore are idempotent', async () => {
    const batch = batchName();
    const row = await store.create(ctx(), thing, { name: 'Trash', batch });
    const deleted = await store.delete(ctx(), thing, row.id);
    expect(deleted).toMatchObject({ version: 2, deletedAt: expect.any(Date) });
    expect(await store.delete(ctx(), thing, row.id)).toEqual(deleted);
    expect(await list(thing, batch)).toEqual([]);
    expect(await list(thing, batch, { includeDeleted: true })).toHaveLength(1);
    expect(await failure(store.update(ctx(), thing, { id: row.id, patch: { name: 'x' } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    const restored = await store.restore(ctx(), thing, row.id);
    expect(restored).toMatchObject({ version: 3, deletedAt: null });
    expect((await changeRows(row.id)).map((r) => [r.kind, r.version])).toEqual([
      ['create', 1],
      ['delete', 2],
      ['restore', 3],
    ]);
    expect(await failure(store.delete(ctx(), thing, randomUUID()))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('unique fields', () => {
  it('refuses a value another live record uses, naming the field and the bulk index', async () => {
    const first = await store.create(ctx(), thing, { name: 'U1', code: 'unique-1' });
    const dup = await failure(store.create(ctx(), thing, { name: 'U2', code: 'unique-1' }));
    expect(dup).toMatchObject({ code: 'BAD_USER_INPUT', path: ['input', 'code'] });
    expect(dup.message).toMatch(/already used by another record/);
    const other = await store.create(ctx(), thing, { name: 'U3', code: 'unique-3' });
    expect(
      (await failure(store.update(ctx(), thing, { id: other.id, patch: { code: 'unique-1' } }))).path,
    ).toEqual(['input', 'code']);
    const batch = batchName();
    const bulk = await failure(
      store.createMany(
        ctx(),
        thing,
        ['unique-4', 'unique-5', 'unique-4'].map((code) => ({ name: code, code, batch })),
      ),
    );
    expect(bulk.path).toEqual(['inputs', '2', 'code']);
    expect(await list(thing, batch)).toEqual([]);

    await store.delete(ctx(), thing, first.id);
    const reused = await store.create(ctx(), thing, { name: 'U4', code: 'unique-1' });
    expect(reused.code).toBe('unique-1');
    expect(await failure(store.restore(ctx(), thing, first.id))).toMatchObject({
      code: 'CONFLICT',
      extensions: { field: 'code' },
    });
  });
});

describe('versions and concurrent edits', () => {
  it('refuses a stale expectedVersion, listing the fields changed since', async () => {
    const row = await store.create(ctx(), thing, { name: 'Versioned' });
    await store.update(ctx(), thing, { id: row.id, patch: { amount: 1 } });
    await store.update(ctx(member), thing, { id: row.id, patch: { stage: 'won', tags: ['vip'] } });
    const error = await failure(
      store.update(ctx(), thing, { id: row.id, patch: { name: 'Mine' }, expectedVersion: 1 }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.extensions).toMatchObject({ currentVersion: 3 });
    expect((error.extensions.fields as string[]).sort()).toEqual(['amount', 'stage', 'tags']);
    const ok = await store.update(ctx(), thing, { id: row.id, patch: { name: 'Mine' }, expectedVersion: 3 });
    expect(ok).toMatchObject({ name: 'Mine', amount: 1, stage: 'won', version: 4, updatedBy: actor });
  });

  it('two people editing different fields at once both win', async () => {
    const row = await store.create(ctx(), thing, { name: 'Shared', amount: 1 });
    await Promise.all([
      store.update(ctx(actor), thing, { id: row.id, patch: { name: 'Renamed' } }),
      store.update(ctx(member), thing, { id: row.id, patch: { amount: 2 } }),
      store.update(ctx(member), thing, { id: row.id, patch: { tags: ['cold'] } }),
    ]);
    const [after] = await store.getMany(ctx(), thing, [row.id]);
    expect(after).toMatchObject({ name: 'Renamed', amount: 2, tags: ['cold'], version: 4 });
  });

  it('an update that changes nothing writes nothing', async () => {
    const row = await store.create(ctx(), thing, {
      name: 'Same',
      amount: 3,
      closedAt: '2026-01-01T00:00:00Z',
    });
    const same = await store.update(ctx(), thing, {
      id: row.id,
      patch: { name: 'Same', amount: '3', closedAt: new Date('2026-01-01T00:00:00Z') },
    });
    expect(same.version).toBe(1);
    expect((await changeRows(row.id)).map((r) => r.kind)).toEqual(['create']);
  });
});

describe('bulk writes', () => {
  it('creates all or nothing, errors naming the index', async () => {
    const batch = batchName();
    const inputs = [1, 2, 3, 4, 5].map((i) => ({ name: `B${i}`, price: { amount: i }, batch }));
    inputs[3]!.price = { amount: 'four' as unknown as number };
    expect((await failure(store.createMany(ctx(), thing, inputs))).path).toEqual([
      'inputs',
      '3',
      'price',
      'amount',
    ]);
    const dangling = inputs.map((input, i) => ({
      ...input,
      price: { amount: i },
      seller: i === 1 ? randomUUID() : undefined,
    }));
    expect((await failure(store.createMany(ctx(), thing, dangling))).path).toEqual(['inputs', '1', 'seller']);
    expect(await list(thing, batch)).toEqual([]);
    const tooMany = Array.from({ length: 501 }, () => ({ name: 'x', batch }));
    expect((await failure(store.createMany(ctx(), thing, tooMany))).path).toEqual(['inputs']);
    const created = await store.createMany(
      ctx(),
      thing,
      inputs.map((input, i) => ({ ...input, price: { amount: i } })),
    );
    expect(created.map((r) => r.name)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
    expect(created[2]!.price).toEqual({ amount: 2, currency: 'EUR' });
  });

  it('updates all or nothing, in one transaction with one afterCommit', async () => {
    const batch = batchName();
    const [a, b] = await store.createMany(ctx(), thing, [
      { name: 'A', code: `${batch}-a`, batch },
      { name: 'B', code: `${batch}-b`, batch },
    ]);
    const bad = await failure(
      store.updateMany(ctx(), thing, [
        { id: a!.id, patch: { rating: 2 } },
        { id: b!.id, patch: { rating: 9 } },
      ]),
    );
    expect(bad.path).toEqual(['updates', '1', 'input', 'rating']);
    const clash = await failure(
      store.updateMany(ctx(), thing, [
        { id: a!.id, patch: { rating: 2 } },
        { id: b!.id, patch: { code: `${batch}-a` } },
      ]),
    );
    expect(clash).toMatchObject({ code: 'BAD_USER_INPUT', path: ['updates', '1', 'input', 'code'] });
    expect((await store.getMany(ctx(), thing, [a!.id]))[0]).toMatchObject({ rating: null, version: 1 });
    expect((await changeRows(a!.id)).map((r) => r.kind)).toEqual(['create']);

    const calls: RecordChange[][] = [];
    const updated = await storeCommittingTo((changes) => void calls.push(changes)).updateMany(ctx(), thing, [
      { id: a!.id, patch: { rating: 2 } },
      { id: b!.id, patch: { rating: 3 }, expectedVersion: 1 },
    ]);
    expect(updated.map((r) => [r.rating, r.version])).toEqual([
      [2, 2],
      [3, 2],
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((c) => c.changes)).toEqual([{ rating: [null, 2] }, { rating: [null, 3] }]);
  });
});

describe('the change log', () => {
  it('logs each write with API values and hands the changes to afterCommit', async () => {
    const committed: RecordChange[] = [];
    const row = await storeCommittingTo((changes) => void committed.push(...changes)).create(ctx(), thing, {
      name: 'Logged',
      price: { amount: 5, currency: 'USD' },
      closedAt: '2026-05-01T09:30:00Z',
    });
    expect(committed).toEqual([
      {
        changeId: expect.stringMatching(/^\d+$/),
        objectId: thing.id,
        recordId: row.id,
        kind: 'create',
        actorId: actor,
        version: 1,
        // When the log row was written: the feed carries it to subscribers without reading the log.
        at: expect.any(Date),
        changes: {
          owner: [null, actor],
          name: [null, 'Logged'],
          price: [null, { amount: 5, currency: 'USD' }],
          closedAt: [null, new Date('2026-05-01T09:30:00Z')],
          stage: [null, 'lead'],
        },
      },
    ]);
    await store.update(ctx(member), thing, {
      id: row.id,
      patch: { name: 'Logged again', amount: 7, price: { amount: 5, currency: 'USD' } },
    });
    const rows = await changeRows(row.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.changes).toMatchObject({ closedAt: [null, '2026-05-01T09:30:00.000Z'] });
    expect(rows[1]).toMatchObject({
      kind: 'update',
      version: 2,
      actor_id: member,
      object_id: thing.id,
      changes: { name: ['Logged', 'Logged again'], amount: [null, 7] },
    });
  });

  it('writes the log in the write transaction, where hooks run; a failing hook undoes the write', async () => {
    const seen: { inside: number; outside: number; changes: number }[] = [];
    const committed: string[] = [];
    const hooked = createRecordStore([
      {
        async afterWrite({ db, changes }) {
          const id = changes[0]!.recordId;
          const sql = `select count(*)::int as n from ${metadata.schema}.record_change where record_id = ?`;
          const [inside] = await db.execute<{ n: number }[]>(sql, [id]);
          const [outside] = await query<{ n: number }>(databaseUrl, sql.replace('?', '$1'), [id]);
          seen.push({ inside: inside!.n, outside: outside!.n, changes: changes.length });
        },
        afterCommit: ({ changes }) => void committed.push(...changes.map((c) => c.kind)),
      },
    ]);
    await hooked.create(ctx(), thing, { name: 'Hooked' });
    expect(seen).toEqual([{ inside: 1, outside: 0, changes: 1 }]);
    expect(committed).toEqual(['create']);

    const batch = batchName();
    const failing = createRecordStore({
      afterWrite: () => {
        throw new Error('automation failed');
      },
    });
    await expect(failing.create(ctx(), thing, { name: 'Undone', batch })).rejects.toThrow(
      'automation failed',
    );
    expect(await list(thing, batch, { includeDeleted: true })).toEqual([]);
  });
});

describe('writes that arrive together', () => {
  const column = (object: ObjectDef, key: string) => object.fields.find((f) => f.key === key)!.column!;

  /** `count` person creates started in one turn of the event loop, as concurrent requests are. */
  function createsTogether(batch: string, count: number, email: (i: number) => string | undefined) {
    return Array.from({ length: count }, (_, i) =>
      store.create(ctx(), person, { name: `Together ${i}`, batch, email: email(i) }),
    );
  }

  async function transactionsOf(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await query<{ record_id: string; xid: string }>(
      databaseUrl,
      `select record_id, xid::text from ${metadata.schema}.record_change where record_id = any($1)`,
      [ids],
    );
    return new Map(rows.map((row) => [row.record_id, row.xid]));
  }

  it('commits the writes waiting for a round trip in one transaction, each answered with its own row', async () => {
    const batch = batchName();
    const created = await Promise.all(createsTogether(batch, 10, () => undefined));
    expect(created.map((row) => row.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Together ${i}`));
    const xids = await transactionsOf(created.map((row) => row.id));
    expect(xids.size).toBe(10);
    // Two round trips leave at once, each alone; the eight writes that waited share the next.
    const sizes = new Map<string, number>();
    for (const xid of xids.values()) sizes.set(xid, (sizes.get(xid) ?? 0) + 1);
    expect([...sizes.values()].sort((a, b) => a - b)).toEqual([1, 1, 8]);
    expect((await list(person, batch)).length).toBe(10);
  });

  it('a write the shared transaction refuses fails alone, naming its field; the others commit', async () => {
    const taken = `taken-${randomUUID()}@example.com`;
    await newPerson('Holder', { email: taken });
    const batch = batchName();
    const results = await Promise.allSettled(
      createsTogether(batch, 10, (i) => (i === 6 ? taken : undefined)),
    );
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(refused).toEqual([6]);
    expect(await failure(Promise.reject((results[6] as PromiseRejectedResult).reason))).toMatchObject({
      code: 'BAD_USER_INPUT',
      path: ['input', 'email'],
    });
    const stored = await list(person, batch);
    expect(stored.map((row) => row.name).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `Together ${i}`).filter((name) => name !== 'Together 6'),
    );
    for (const row of stored) expect((await changeRows(row.id)).map((c) => c.kind)).toEqual(['create']);
  });

  /** An open transaction holding `email` (as a new person's): creates of it wait until it ends. */
  async function holdEmail(email: string): Promise<pg.Client> {
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    await holder.query('begin');
    await holder.query(
      `insert into ${metadata.schema}.${person.table} (id, created_by, updated_by, owner_id, ${column(person, 'name')}, ${column(person, 'email')})
       values ($1, $2, $2, $2, 'Holder', $3)`,
      [randomUUID(), actor, email],
    );
    return holder;
  }

  /** The backends of this file's database waiting on a lock, once there are `count`. */
  async function lockWaiters(count: number): Promise<number[]> {
    let pids: number[] = [];
    await eventually(async () => {
      const rows = await query<{ pid: number }>(
        databaseUrl,
        `select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      pids = rows.map((row) => row.pid);
      return pids.length >= count;
    });
    return pids;
  }

  it('writes waiting on a lock do not hold up the writes after them', async () => {
    const contested = `contested-${randomUUID()}@example.com`;
    const holder = await holdEmail(contested);
    try {
      const batch = batchName();
      // Both round trips on their way wait on the holder's row.
      const stuck = Promise.allSettled(createsTogether(batch, 2, () => contested));
      await lockWaiters(2);
      const after = await store.create(ctx(), person, { name: 'After', batch });
      expect(after.name).toBe('After');
      expect(await lockWaiters(2)).toHaveLength(2);
      await holder.query('rollback');
      const [first, second] = await stuck;
      // The first to get the address keeps it; the other is refused, naming the field.
      expect([first!.status, second!.status].sort()).toEqual(['fulfilled', 'rejected']);
      const refused = [first, second].find((r) => r!.status === 'rejected') as PromiseRejectedResult;
      expect(await failure(Promise.reject(refused.reason))).toMatchObject({ path: ['input', 'email'] });
    } finally {
      await holder.end();
    }
  });

  it('statements a hook sends at once run in the write transaction, on its one connection', async () => {
    const seen: number[] = [];
    const sql = `select count(*)::int as n from ${metadata.schema}.record_change where record_id = ?`;
    const hooked = createRecordStore({
      async afterWrite({ db, changes }) {
        const id = changes[0]!.recordId;
        const counts = await Promise.all([1, 2, 3].map(() => db.execute<{ n: number }[]>(sql, [id])));
        seen.push(...counts.map(([row]) => row!.n));
      },
    });
    const batch = batchName();
    const row = await hooked.create(ctx(), person, { name: 'Hooked at once', batch });
    // Each read saw the write's own, uncommitted change row: all three ran inside its transaction.
    expect(seen).toEqual([1, 1, 1]);
    expect((await changeRows(row.id)).map((c) => c.kind)).toEqual(['create']);
    expect((await list(person, batch)).map((r) => r.id)).toEqual([row.id]);
    const [open] = await query<{ n: number }>(
      databaseUrl,
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
    );
    expect(open!.n).toBe(0);
  });

  it('a connection lost under a shared transaction fails each of its writes, and runs none twice', async () => {
    const contested = `contested-${randomUUID()}@example.com`;
    // The shared transaction waits on the holder's row, then loses its connection.
    const holder = await holdEmail(contested);
    try {
      const batch = batchName();
      const settled = Promise.allSettled(
        createsTogether(batch, 10, (i) => (i === 5 ? contested : undefined)),
      );
      const [waiting] = await lockWaiters(1);
      await query(databaseUrl, 'select pg_terminate_backend($1)', [waiting]);
      const results = await settled;
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        ...Array.from({ length: 8 }, () => 'rejected'),
      ]);
      expect((await list(person, batch)).map((row) => row.name).sort()).toEqual(['Together 0', 'Together 1']);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  });
});
