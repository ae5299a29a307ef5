import {
  columnNameFor,
  type FieldDef,
  fieldTypeSpecs,
  type ObjectDef,
  PerObject,
  qualified,
  quote,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import type { RecordRow } from '../api.js';
import { columnFields, columnsOf, junctionSides, manyToManyFields } from './fields.js';

/** The select list of a record and the decoding of a result row into a RecordRow. */

/** The system columns a row carries, by the key a RecordRow gives each. */
const systemColumns: readonly (readonly [key: string, column: string])[] = [
  ['id', 'id'],
  ['version', 'version'],
  ['createdAt', 'created_at'],
  ['createdBy', 'created_by'],
  ['updatedAt', 'updated_at'],
  ['updatedBy', 'updated_by'],
  ['owner', 'owner_id'],
  ['deletedAt', 'deleted_at'],
  ['rank', 'rank'],
];

/**
 * The field keys a read needs (the GraphQL selection), `id` always among them; null: every
 * field. A row read with one has only those fields; the others read as undefined.
 */
export type Projection = ReadonlySet<string> | null;

/** A projection as a cache key: the same fields in any order give the same key; none is '*'. */
export function projectionKey(projection: Projection | undefined): string {
  if (!projection) return '*';
  let key = projectionKeys.get(projection);
  if (key === undefined) {
    key = [...projection].sort().join(',');
    projectionKeys.set(projection, key);
  }
  return key;
}

/** A request's projection is asked for its key by every statement and decoder it picks. */
const projectionKeys = new WeakMap<ReadonlySet<string>, string>();

function wanted(projection: Projection | undefined, key: string): boolean {
  return !projection || key === 'id' || projection.has(key);
}

/** Where a MANY_TO_MANY field's id list appears in a result row. */
export function linkAlias(field: FieldDef): string {
  return columnNameFor(field.id);
}

/**
 * Every column of `object` as `alias.column`, plus one sorted id list per
 * MANY_TO_MANY field (deleted related records left out); with a projection, only its
 * fields' columns and `extraColumns` (a cursor's sort columns).
 */
export function selectList(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  alias: string,
  projection?: Projection,
  extraColumns: readonly string[] = [],
): string {
  // Kept with a shared metadata version: every write's RETURNING and many reads ask again.
  const key = `${alias} ${projectionKey(projection)} ${extraColumns.join(',')}`;
  return selectLists.get(metadata, object, key, () =>
    selectedColumns(metadata, object, alias, projection, extraColumns)
      .map((c) => c.sql)
      .join(', '),
  );
}

const selectLists = new PerObject<string>(100);
const decoders = new PerObject<RowDecoder>(100);

/** One entry of a select list: its expression and the name a result row gives it. */
export interface SelectedColumn {
  sql: string;
  name: string;
}

/** `selectList`'s entries; with a `prefix`, each is named `prefix` + its usual name. */
export function selectedColumns(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  alias: string,
  projection?: Projection,
  extraColumns: readonly string[] = [],
  prefix = '',
): SelectedColumn[] {
  const names = [
    ...systemColumns.filter(([key]) => wanted(projection, key)).map(([, column]) => column),
    ...columnFields(object)
      .filter((f) => wanted(projection, f.key))
      .flatMap((f) => columnsOf(f).map((c) => c.name)),
  ];
  for (const column of extraColumns) if (!names.includes(column)) names.push(column);
  const named = (expression: string, name: string) =>
    prefix
      ? { sql: `${expression} as ${quote(prefix + name)}`, name: prefix + name }
      : { sql: expression, name };
  const columns = names.map((c) => named(`${alias}.${quote(c)}`, c));
  const links = manyToManyFields(object).flatMap((field) => {
    if (!wanted(projection, field.key)) return [];
    const target = metadata.objects.find((o) => o.id === field.options.targetObjectId);
    if (!target || !field.options.junctionTable) return [];
    const { table, own, other } = junctionSides(field);
    const list = `array(select l.${other}::text from ${qualified(metadata.schema, table)} l join ${qualified(metadata.schema, target.table)} lt on lt.id = l.${other} and lt.deleted_at is null where l.${own} = ${alias}.id order by l.${other})`;
    const name = prefix + linkAlias(field);
    return [{ sql: `${list} as ${quote(name)}`, name }];
  });
  return [...columns, ...links];
}

/** PostgreSQL's text form of a timestamptz ('2026-05-01 09:30:00.123456+02') as a Date. */
export function parseTimestamp(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = typeof value === 'string' ? value : String(value);
  // The usual shape, fixed up without regular expressions (a read decodes several per row):
  // 'T' for the first space, and ':00' after an hours-only offset.
  const space = text.indexOf(' ');
  const iso = space < 0 ? text : `${text.slice(0, space)}T${text.slice(space + 1)}`;
  return new Date(hoursOnlyOffset(iso) ? `${iso}:00` : iso);
}

/** Whether `text` ends in a sign and two digits ('+02'). */
function hoursOnlyOffset(text: string): boolean {
  const n = text.length;
  if (n < 3) return false;
  const sign = text.charCodeAt(n - 3);
  return (sign === 43 || sign === 45) && isDigit(text.charCodeAt(n - 2)) && isDigit(text.charCodeAt(n - 1));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** How one column field is read from a result row, worked out once per object. */
interface ColumnReader {
  key: string;
  field: FieldDef;
  columns: { name: string; timestamp: boolean }[];
  fromSql: (typeof fieldTypeSpecs)[keyof typeof fieldTypeSpecs]['fromSql'];
}

export type RowDecoder = (raw: Record<string, unknown>) => RecordRow;

/**
 * `decodeRow` for many rows of `object` (of the projection's fields, when given): the fields
 * and columns are looked up once, not per row. Make one per batch of rows (a page, a
 * read-back), or keep it with a statement cached per metadata version: the object's
 * definition may change between requests.
 */
export function rowDecoder(
  object: ObjectDef,
  projection?: Projection,
  metadata?: WorkspaceMetadata,
): RowDecoder {
  // With the object's metadata, kept with it when that is a shared version (PerObject).
  if (metadata) {
    return decoders.get(metadata, object, projectionKey(projection), () => rowDecoder(object, projection));
  }
  if (projection) return projectedDecoder(object, projection);
  const readers = columnReaders(object);
  const links = manyToManyFields(object).map((field) => ({ key: field.key, alias: linkAlias(field) }));
  return (raw) => {
    // Null prototype: a field that is absent (archived, not selected) reads as undefined, never a built-in.
    const row = Object.create(null) as RecordRow;
    row.id = String(raw.id);
    row.version = Number(raw.version);
    row.createdAt = parseTimestamp(raw.created_at)!;
    row.updatedAt = parseTimestamp(raw.updated_at)!;
    row.createdBy = (raw.created_by as string | null) ?? null;
    row.updatedBy = (raw.updated_by as string | null) ?? null;
    row.owner = (raw.owner_id as string | null) ?? null;
    row.deletedAt = parseTimestamp(raw.deleted_at);
    row.rank = (raw.rank as string | null) ?? null;
    return withFields(row, raw, readers, links);
  };
}

/** The row with its fields' values (each type's `fromSql` of its columns) and its links' ids. */
function withFields(
  row: RecordRow,
  raw: Record<string, unknown>,
  readers: readonly ColumnReader[],
  links: readonly { key: string; alias: string }[],
): RecordRow {
  for (const reader of readers) {
    const values: unknown[] = [];
    for (const c of reader.columns)
      values.push(c.timestamp ? parseTimestamp(raw[c.name]) : (raw[c.name] ?? null));
    row[reader.key] = reader.fromSql(values, reader.field);
  }
  for (const link of links) row[link.key] = (raw[link.alias] as string[] | undefined) ?? [];
  return row;
}

function columnReaders(object: ObjectDef, projection?: Projection): ColumnReader[] {
  return columnFields(object)
    .filter((field) => wanted(projection, field.key))
    .map((field) => ({
      key: field.key,
      field,
      columns: columnsOf(field).map((c) => ({ name: c.name, timestamp: c.sqlType === 'timestamptz' })),
      fromSql: fieldTypeSpecs[field.type].fromSql,
    }));
}

const timestampKeys = new Set(['createdAt', 'updatedAt', 'deletedAt']);

/** The decoder of a projected read: the system columns it selected, and its fields. */
function projectedDecoder(object: ObjectDef, projection: ReadonlySet<string>): RowDecoder {
  const system = systemColumns.filter(([key]) => key !== 'id' && projection.has(key));
  const readers = columnReaders(object, projection);
  const links = manyToManyFields(object)
    .filter((field) => projection.has(field.key))
    .map((field) => ({ key: field.key, alias: linkAlias(field) }));
  return (raw) => {
    const row = Object.create(null) as RecordRow;
    row.id = String(raw.id);
    for (const [key, column] of system) {
      const value = raw[column];
      row[key] =
        key === 'version'
          ? Number(value)
          : timestampKeys.has(key)
            ? parseTimestamp(value)
            : ((value as string | null) ?? null);
    }
    return withFields(row, raw, readers, links);
  };
}

/** A result row (selected with `selectList`) as API values keyed by field key. */
export function decodeRow(object: ObjectDef, raw: Record<string, unknown>): RecordRow {
  return rowDecoder(object)(raw);
}
