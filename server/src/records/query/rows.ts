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
  const text = String(value)
    .replace(' ', 'T')
    .replace(/([+-]\d{2})$/, '$1:00');
  return new Date(text);
}

function columnValue(raw: Record<string, unknown>, name: string, sqlType: string): unknown {
  const value = raw[name];
  return sqlType === 'timestamptz' ? parseTimestamp(value) : (value ?? null);
}

/** A result row (selected with `selectList`) as API values keyed by field key. */
export function decodeRow(object: ObjectDef, raw: Record<string, unknown>): RecordRow {
  // Null prototype: a field that is absent (archived, not selected) reads as undefined, never a built-in.
  const row: RecordRow = Object.assign(Object.create(null) as RecordRow, {
    id: String(raw.id),
    version: Number(raw.version),
    createdAt: parseTimestamp(raw.created_at)!,
    updatedAt: parseTimestamp(raw.updated_at)!,
    createdBy: (raw.created_by as string | null) ?? null,
    updatedBy: (raw.updated_by as string | null) ?? null,
    owner: (raw.owner_id as string | null) ?? null,
    deletedAt: parseTimestamp(raw.deleted_at),
    rank: (raw.rank as string | null) ?? null,
  });
  for (const field of columnFields(object)) {
    const values = columnsOf(field).map((c) => columnValue(raw, c.name, c.sqlType));
    row[field.key] = fieldTypeSpecs[field.type].fromSql(values, field);
  }
  for (const field of manyToManyFields(object)) {
    row[field.key] = (raw[linkAlias(field)] as string[] | undefined) ?? [];
  }
  return row;
}
