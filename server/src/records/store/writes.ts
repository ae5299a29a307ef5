import { randomUUID } from 'node:crypto';
import {
  type FieldDef,
  fieldTypeSpecs,
  type ObjectDef,
  PerObject,
  qualified,
  quote,
  searchTextSql,
  searchVectorSql,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { Conflict, NotFound } from '../../platform/index.js';
import type { RecordRow } from '../api.js';
import { allFields, columnFields, columnsOf, junctionSides } from '../query/fields.js';
import { decodeRow, type Projection, rowDecoder, selectList } from '../query/rows.js';
import { searchableFields, searchDocumentSql } from '../query/search.js';
import { joinSql, pgArrayLiteral, type Sql, sql } from '../query/sql.js';
import { fieldsChangedSince } from './change-log.js';
import { namingFields, toWriteError, type WrittenRecord } from './db-errors.js';
import type { PreparedRecord } from './input.js';
import { checkReferences } from './references.js';
import { lockRecords, readBack } from './rows.js';
import { execute, type Later, now, type WriteTx } from './transaction.js';
import { apiValue, createdValues, idSet, sameValue } from './values.js';
import { fillFromVins } from './vin-fills.js';

/** Creating and updating records: typed columns, junction rows, the search vector, the change log. */

function ownerField(object: ObjectDef): FieldDef {
  return allFields(object).find((f) => f.key === 'owner')!;
}

/** The searchable fields among `values`, with the text each will hold. */
export function searchGiven(values: ReadonlyMap<FieldDef, unknown[]>): Map<FieldDef, unknown> {
  const given = new Map<FieldDef, unknown>();
  for (const [field, sqlValues] of values) {
    if (fieldTypeSpecs[field.type].searchable && field.column) given.set(field, sqlValues[0] ?? null);
  }
  return given;
}

/**
 * A value as PostgreSQL's text input reads it (what `pg` would send for a parameter):
 * each column travels as one text array, cast back to its type in the statement.
 */
function textInput(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return pgArrayLiteral(value.map(textInput));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Inserts all records in one statement whose size does not grow with their number: one
 * array parameter per column, unnested (a VALUES list of thousands of rows spends more
 * time being parsed and planned than written), then their links; returns them as stored.
 * Without links the INSERT returns the rows and, on a write's own connection, is queued:
 * it travels with the change log and COMMIT, and the rows come back with them, holding the
 * `answered` fields only when given.
 */
export async function insertRecords(
  tx: WriteTx,
  object: ObjectDef,
  records: readonly PreparedRecord[],
  answered?: Projection,
): Promise<Later<RecordRow[]>> {
  await checkReferences(tx, records);
  const ids = records.map(() => randomUUID());
  const { given, owner, statement } = insertShape(tx.metadata, object);
  const owners = records.map((record) =>
    record.values.has(owner) ? textInput(record.values.get(owner)![0] ?? null) : tx.actorId,
  );
  const arrays = [
    ids,
    owners,
    ...given.map(({ field, i }) => records.map((record) => textInput(record.values.get(field)?.[i] ?? null))),
  ];
  const insert = (returning: string) => ({
    sql: statement + returning,
    params: [tx.actorId, tx.actorId, ...arrays.map((values) => pgArrayLiteral(values))],
  });
  const linked = records.some((record) => [...record.links.values()].some((l) => l.length > 0));
  if (linked) {
    await namingFields(object, records, async () => {
      await execute(tx.db, insert(''));
      await insertLinks(
        tx,
        records.map((record, i) => ({ id: ids[i]!, links: record.links })),
      );
    });
    const stored = await readBack(tx, object, ids);
    for (const row of stored) logCreated(tx, object, row.id, createdValues(object, row));
    return now(stored);
  }
  const inserted = await sendOrQueue(
    tx,
    object,
    records,
    insert(` returning ${selectList(tx.metadata, object, 't', answered)}`),
  );
  records.forEach((record, i) =>
    logCreated(tx, object, ids[i]!, createdValues(object, asStored(object, record, owners[i] ?? null))),
  );
  return async () => inOrder(tx.metadata, object, ids, await inserted(), answered);
}

interface InsertShape {
  /** Each column a record's values fill, in the statement's order: field and column index. */
  given: { field: FieldDef; i: number }[];
  owner: FieldDef;
  /** The INSERT without its RETURNING: the ids, owners and columns as unnested text arrays. */
  statement: string;
}

/** Kept with a shared metadata version: it depends on nothing else, and every create needs it. */
const insertShapes = new PerObject<InsertShape>(1);

function insertShape(metadata: WorkspaceMetadata, object: ObjectDef): InsertShape {
  return insertShapes.get(metadata, object, '', () => buildInsertShape(metadata, object));
}

function buildInsertShape(metadata: WorkspaceMetadata, object: ObjectDef): InsertShape {
  const columns = columnFields(object).flatMap((field) =>
    columnsOf(field).map((column, i) => ({ field, column, i })),
  );
  const unnested = [0, 1, ...columns.map((_, i) => i + 2)].map((i) => `u.c${i}`);
  // The search vector reads each searchable field's first column from the unnested row.
  const searched = new Map<FieldDef, string>();
  columns.forEach((g, i) => {
    if (fieldTypeSpecs[g.field.type].searchable && !searched.has(g.field))
      searched.set(g.field, `u.c${i + 2}`);
  });
  const search = searchVectorSql(
    searchableFields(object).map((f) => (searched.has(f) ? searchTextSql(f, searched.get(f)!) : 'null')),
  );
  const names = [
    'id',
    'created_by',
    'updated_by',
    'owner_id',
    ...columns.map((g) => g.column.name),
    'search',
  ];
  const select = [
    'u.c0::uuid',
    '?::uuid',
    '?::uuid',
    'u.c1::uuid',
    ...columns.map((g, i) => `${unnested[i + 2]}::${g.column.sqlType}`),
    search,
  ];
  const from = `unnest(${unnested.map(() => '?::text[]').join(', ')}) as u (${unnested.map((_, i) => `c${i}`).join(', ')})`;
  return {
    given: columns.map(({ field, i }) => ({ field, i })),
    owner: ownerField(object),
    statement: `insert into ${qualified(metadata.schema, object.table)} as t (${names.map(quote).join(', ')}) select ${select.join(', ')} from ${from}`,
  };
}

function logCreated(
  tx: WriteTx,
  object: ObjectDef,
  recordId: string,
  changes: Record<string, [unknown, unknown]>,
) {
  // A new row's version is its column's default.
  tx.pending.push({
    objectId: object.id,
    recordId,
    kind: 'create',
    actorId: tx.actorId,
    changes,
    version: 1,
  });
}

/** A new record's fields as they read once stored (what its change log lists), links aside. */
function asStored(object: ObjectDef, record: PreparedRecord, owner: string | null): RecordRow {
  const row = Object.create(null) as RecordRow;
  row.owner = owner;
  for (const field of columnFields(object))
    row[field.key] = apiValue(field, record.values.get(field) ?? columnsOf(field).map(() => null));
  return row;
}

/**
 * `statement` sent at once, or (on a write's own connection) queued with the next round
 * trip; either way, a constraint it breaks is reported naming the field.
 */
async function sendOrQueue(
  tx: WriteTx,
  object: ObjectDef,
  records: readonly WrittenRecord[],
  statement: Sql,
): Promise<Later<Record<string, unknown>[]>> {
  if (!tx.queue) return now(await namingFields(object, records, () => execute(tx.db, statement)));
  const rows = tx.queue(statement, (error) => toWriteError(error, object, records));
  return () => rows;
}

function inOrder(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  ids: readonly string[],
  raw: readonly Record<string, unknown>[],
  fields?: Projection,
): RecordRow[] {
  const decode = rowDecoder(object, fields, metadata);
  const byId = new Map(raw.map((row) => [String(row.id), decode(row)]));
  return ids.map((id) => byId.get(id)!);
}

async function insertLinks(
  tx: WriteTx,
  records: readonly { id: string; links: ReadonlyMap<FieldDef, string[]> }[],
): Promise<void> {
  const byField = new Map<FieldDef, { own: string[]; other: string[] }>();
  for (const record of records) {
    for (const [field, ids] of record.links) {
      const pairs = byField.get(field) ?? { own: [], other: [] };
      for (const id of ids) {
        pairs.own.push(record.id);
        pairs.other.push(id);
      }
      byField.set(field, pairs);
    }
  }
  for (const [field, pairs] of byField) {
    if (!pairs.own.length) continue;
    const { table, own, other } = junctionSides(field);
    await execute(
      tx.db,
      sql(
        `insert into ${qualified(tx.metadata.schema, table)} (${own}, ${other}) select * from unnest(?::uuid[], ?::uuid[]) on conflict do nothing`,
        pairs.own,
        pairs.other,
      ),
    );
  }
}

async function replaceLinks(
  tx: WriteTx,
  recordId: string,
  field: FieldDef,
  ids: readonly string[],
): Promise<void> {
  const { table, own, other } = junctionSides(field);
  const junction = qualified(tx.metadata.schema, table);
  await execute(
    tx.db,
    sql(`delete from ${junction} where ${own} = ?::uuid and not (${other} = any(?::uuid[]))`, recordId, ids),
  );
  await insertLinks(tx, [{ id: recordId, links: new Map([[field, [...ids]]]) }]);
}

export interface PreparedUpdate {
  id: string;
  expectedVersion: number | null;
  record: PreparedRecord;
}

/**
 * Applies each patch to the fields it names only, so people editing different fields
 * of one record never overwrite each other; `expectedVersion` makes it all or nothing.
 * A patch that changes nothing writes nothing.
 */
export async function updateRecords(
  tx: WriteTx,
  object: ObjectDef,
  updates: readonly PreparedUpdate[],
): Promise<Later<RecordRow[]>> {
  const locked = await lockRecords(
    tx,
    object,
    updates.map((u) => u.id),
    'update',
  );
  await checkReferences(
    tx,
    updates.map((u) => u.record),
  );
  const current = new Map([...locked].map(([id, l]) => [id, l.row]));
  const ids = updates.map((u) => u.id);
  const repeated = new Set(ids).size !== ids.length;
  if (repeated || updates.some((u) => u.record.links.size > 0)) {
    // Patches applied in turn: a record named twice sees the first patch, links are replaced per record.
    const results: RecordRow[] = [];
    for (const update of updates) {
      const before = current.get(update.id);
      if (!before || before.deletedAt) throw new NotFound(`${object.labelSingular} ${update.id}`);
      await assertVersion(tx, object, before, update);
      fillFromVins(object, update.record, before);
      const after = await applyPatch(tx, object, before, update.record);
      current.set(update.id, after);
      results.push(after);
    }
    return now(results);
  }
  // Distinct records without links (one, or a bulk load's batch): one UPDATE per set of
  // changed fields, queued on a write's own connection; the log lists the values as stored.
  const groups = new Map<string, { update: PreparedUpdate; before: RecordRow; columns: Changed[] }[]>();
  const unchanged = new Map<string, RecordRow>();
  for (const update of updates) {
    const before = current.get(update.id);
    if (!before || before.deletedAt) throw new NotFound(`${object.labelSingular} ${update.id}`);
    await assertVersion(tx, object, before, update);
    fillFromVins(object, update.record, before);
    const columns = changedColumns(before, update.record);
    if (!columns.length) {
      unchanged.set(update.id, before);
      continue;
    }
    const key = columns.map(([field]) => field.key).join('\n');
    const group = groups.get(key) ?? [];
    group.push({ update, before, columns });
    groups.set(key, group);
  }
  // Several statements are sent one by one: a batch that fails cannot tell which one broke a rule.
  const alone = groups.size > 1 ? { ...tx, queue: undefined } : tx;
  const updated: Later<RecordRow[]>[] = [];
  for (const group of groups.values()) updated.push(await updateGroup(alone, object, group));
  const changed = new Map([...groups.values()].flat().map((g) => [g.update.id, g]));
  for (const update of updates) {
    const entry = changed.get(update.id);
    if (!entry) continue;
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [field, values] of entry.columns)
      changes[field.key] = [entry.before[field.key], apiValue(field, values)];
    tx.pending.push({
      objectId: object.id,
      recordId: update.id,
      kind: 'update',
      actorId: tx.actorId,
      changes,
      version: entry.before.version + 1,
    });
  }
  return async () => {
    const results = new Map(unchanged);
    for (const rows of updated) for (const row of await rows()) results.set(row.id, row);
    return updates.map((u) => results.get(u.id)!);
  };
}

type Changed = [FieldDef, unknown[]];

/** The patch's column fields whose values differ from the record's. */
function changedColumns(before: RecordRow, record: PreparedRecord): Changed[] {
  return [...record.values].filter(
    ([field, values]) => !sameValue(before[field.key], apiValue(field, values)),
  );
}

/**
 * Records changing the same fields, in one UPDATE from unnested arrays (one per column);
 * the search document is recomputed from the new values and the row's other fields.
 */
async function updateGroup(
  tx: WriteTx,
  object: ObjectDef,
  group: readonly { update: PreparedUpdate; columns: Changed[] }[],
): Promise<Later<RecordRow[]>> {
  const fields = group[0]!.columns.map(([field]) => field);
  const given = fields.flatMap((field, f) =>
    columnsOf(field).map((column, i) => ({
      field,
      column,
      values: group.map((g) => textInput(g.columns[f]![1][i] ?? null)),
    })),
  );
  const arrays = [group.map((g) => g.update.id), ...given.map((g) => g.values)];
  const sets = given.map((g, i) => `${quote(g.column.name)} = u.c${i + 1}::${g.column.sqlType}`);
  const firstColumn = new Map<FieldDef, string>();
  given.forEach((g, i) => {
    if (!firstColumn.has(g.field)) firstColumn.set(g.field, `u.c${i + 1}`);
  });
  if (fields.some((f) => fieldTypeSpecs[f.type].searchable)) {
    const texts = searchableFields(object).map((f) =>
      searchTextSql(f, firstColumn.get(f) ?? `t.${quote(f.column!)}`),
    );
    sets.push(`search = ${searchVectorSql(texts)}`);
  }
  sets.push('version = t.version + 1, updated_at = now(), updated_by = ?::uuid');
  const rows = await sendOrQueue(
    tx,
    object,
    group.map((g) => g.update.record),
    {
      sql: `update ${qualified(tx.metadata.schema, object.table)} t set ${sets.join(', ')}
        from unnest(${arrays.map(() => '?::text[]').join(', ')}) as u (${arrays.map((_, i) => `c${i}`).join(', ')})
        where t.id = u.c0::uuid returning ${selectList(tx.metadata, object, 't')}`,
      params: [tx.actorId, ...arrays.map((values) => pgArrayLiteral(values))],
    },
  );
  return async () => (await rows()).map((raw) => decodeRow(object, raw));
}

async function assertVersion(
  tx: WriteTx,
  object: ObjectDef,
  row: RecordRow,
  update: PreparedUpdate,
): Promise<void> {
  if (update.expectedVersion === null || update.expectedVersion === row.version) return;
  const fields = await fieldsChangedSince(
    tx.db,
    tx.metadata.schema,
    object.id,
    row.id,
    update.expectedVersion,
  );
  throw new Conflict(
    `This ${object.labelSingular.toLowerCase()} was changed by someone else since version ${update.expectedVersion}` +
      (fields.length ? ` (${fields.join(', ')}).` : '.'),
    { fields, currentVersion: row.version, recordId: row.id },
  );
}

async function applyPatch(
  tx: WriteTx,
  object: ObjectDef,
  before: RecordRow,
  record: PreparedRecord,
): Promise<RecordRow> {
  const columns = [...record.values].filter(
    ([field, values]) => !sameValue(before[field.key], apiValue(field, values)),
  );
  const links = [...record.links].filter(([field, ids]) => !sameValue(before[field.key], idSet(ids)));
  if (!columns.length && !links.length) return before;
  const sets = columns.flatMap(([field, values]) =>
    columnsOf(field).map((c, i) => sql(`${quote(c.name)} = ?::${c.sqlType}`, values[i] ?? null)),
  );
  const searched = searchGiven(new Map(columns));
  if (searched.size) {
    const document = searchDocumentSql(object, searched, 't');
    sets.push({ sql: `search = ${document.sql}`, params: document.params });
  }
  sets.push(sql('version = t.version + 1, updated_at = now(), updated_by = ?::uuid', tx.actorId));
  const assignments = joinSql(sets, ', ');
  // Without links to replace, the updated row comes back with the UPDATE itself.
  const returning = links.length ? '' : ` returning ${selectList(tx.metadata, object, 't')}`;
  const updated = await namingFields(object, [record], async () => {
    const rows = await execute(tx.db, {
      sql: `update ${qualified(tx.metadata.schema, object.table)} t set ${assignments.sql} where t.id = ?::uuid${returning}`,
      params: [...assignments.params, before.id],
    });
    for (const [field, ids] of links) await replaceLinks(tx, before.id, field, idSet(ids));
    return rows;
  });
  const [after] = links.length ? await readBack(tx, object, [before.id]) : [decodeRow(object, updated[0]!)];
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [field] of [...columns, ...links]) changes[field.key] = [before[field.key], after![field.key]];
  tx.pending.push({
    objectId: object.id,
    recordId: before.id,
    kind: 'update',
    actorId: tx.actorId,
    changes,
    version: after!.version,
  });
  return after!;
}
