import {
  columnNameFor,
  type FieldDef,
  fieldTypeSpecs,
  type ObjectDef,
  qualified,
  quote,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import type { RecordRow } from '../api.js';
import { columnFields, columnsOf, junctionSides, manyToManyFields } from './fields.js';

/** The select list of a record and the decoding of a result row into a RecordRow. */

const systemColumns = [
  'id',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'owner_id',
  'deleted_at',
  'rank',
];

/** Where a MANY_TO_MANY field's id list appears in a result row. */
export function linkAlias(field: FieldDef): string {
  return columnNameFor(field.id);
}

/**
 * Every column of `object` as `alias.column`, plus one sorted id list per
 * MANY_TO_MANY field (deleted related records left out).
 */
export function selectList(metadata: WorkspaceMetadata, object: ObjectDef, alias: string): string {
  const columns = [
    ...systemColumns,
    ...columnFields(object).flatMap((f) => columnsOf(f).map((c) => c.name)),
  ].map((c) => `${alias}.${quote(c)}`);
  const links = manyToManyFields(object).flatMap((field) => {
    const target = metadata.objects.find((o) => o.id === field.options.targetObjectId);
    if (!target || !field.options.junctionTable) return [];
    const { table, own, other } = junctionSides(field);
    return [
      `array(select l.${other}::text from ${qualified(metadata.schema, table)} l join ${qualified(metadata.schema, target.table)} lt on lt.id = l.${other} and lt.deleted_at is null where l.${own} = ${alias}.id order by l.${other}) as ${quote(linkAlias(field))}`,
    ];
  });
  return [...columns, ...links].join(', ');
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
 * `decodeRow` for many rows of `object`: the fields and columns are looked up once, not per
 * row. Make one per batch of rows (a page, a read-back): the object's definition may change
 * between requests.
 */
export function rowDecoder(object: ObjectDef): RowDecoder {
  const readers: ColumnReader[] = columnFields(object).map((field) => ({
    key: field.key,
    field,
    columns: columnsOf(field).map((c) => ({ name: c.name, timestamp: c.sqlType === 'timestamptz' })),
    fromSql: fieldTypeSpecs[field.type].fromSql,
  }));
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
    for (const reader of readers) {
      const values: unknown[] = [];
      for (const c of reader.columns)
        values.push(c.timestamp ? parseTimestamp(raw[c.name]) : (raw[c.name] ?? null));
      row[reader.key] = reader.fromSql(values, reader.field);
    }
    for (const link of links) row[link.key] = (raw[link.alias] as string[] | undefined) ?? [];
    return row;
  };
}

/** A result row (selected with `selectList`) as API values keyed by field key. */
export function decodeRow(object: ObjectDef, raw: Record<string, unknown>): RecordRow {
  return rowDecoder(object)(raw);
}
