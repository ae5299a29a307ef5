import { fieldTypeSpecs } from './field-types.js';
import type { FieldDef, ObjectDef } from './model.js';
import { systemColumnsSql } from './system-fields.js';

/**
 * SQL for record storage. Every identifier is made here from ids (hex), never from
 * user input, and is quoted anyway.
 */

export function hex(id: string): string {
  return id.replace(/-/g, '').toLowerCase();
}

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export function schemaNameFor(workspaceId: string): string {
  return `ws_${hex(workspaceId)}`;
}

export function tableNameFor(objectId: string): string {
  return `o_${hex(objectId)}`;
}

export function columnNameFor(fieldId: string): string {
  return `f_${hex(fieldId)}`;
}

export function junctionNameFor(fieldId: string): string {
  return `j_${hex(fieldId)}`;
}

export function qualified(schema: string, table: string): string {
  return `${quote(schema)}.${quote(table)}`;
}

/**
 * Statements creating one module's tables in a new workspace schema (the change log, the
 * stage history…); the app lists them, metadata runs them when it provisions a workspace.
 */
export type WorkspaceSchemaPart = (schema: string) => string[];

/** A new workspace's schema with every part's tables. */
export function createWorkspaceSchemaSql(schema: string, parts: readonly WorkspaceSchemaPart[]): string[] {
  return [`create schema ${quote(schema)}`, ...parts.flatMap((part) => part(schema))];
}

export function createObjectTableSql(schema: string, table: string): string[] {
  return [
    `create table ${qualified(schema, table)} (${systemColumnsSql.join(', ')})`,
    `create index ${quote(`${table}_search`)} on ${qualified(schema, table)} using gin (search)`,
    `create index ${quote(`${table}_created`)} on ${qualified(schema, table)} (created_at, id) where deleted_at is null`,
    holderIndexSql(schema, table, 'owner_id', false),
  ];
}

/** The name of a holder column's index (see `holderIndexSql`). */
export function holderIndexName(table: string, column: string): string {
  return column === 'owner_id' ? `${table}_owner` : `${column}_holder`;
}

/**
 * The index of a column that names who holds a record (owner_id, a granting USER field):
 * a member's own records, read by equality and in the default page order (newest first),
 * so a record-scoped page reads its 50 rows and a count reads only the index.
 */
export function holderIndexSql(schema: string, table: string, column: string, concurrently: boolean): string {
  return `create index ${concurrently ? 'concurrently ' : ''}if not exists ${quote(holderIndexName(table, column))} on ${qualified(schema, table)} (${quote(column)}, created_at, id) where deleted_at is null`;
}

export function dropHolderIndexSql(schema: string, table: string, column: string): string {
  return `drop index concurrently if exists ${qualified(schema, holderIndexName(table, column))}`;
}

/** Columns for a new field; nullable so the ALTER is instant whatever the table's size. */
export function addFieldColumnsSql(
  schema: string,
  object: ObjectDef,
  field: FieldDef,
  target?: ObjectDef,
): string[] {
  const table = qualified(schema, object.table);
  const spec = fieldTypeSpecs[field.type];
  const columns = spec.columns(field);
  const references = spec.references?.(field, target && qualified(schema, target.table));
  const statements = columns.map((column) => {
    const sql = `alter table ${table} add column ${quote(column.name)} ${column.sqlType}`;
    return references ? `${sql} references ${references}` : sql;
  });
  if (field.required && columns[0]) {
    // NOT VALID: enforced for every new write without scanning the rows already there.
    statements.push(
      `alter table ${table} add constraint ${quote(`${field.column}_required`)} check (${quote(columns[0].name)} is not null or deleted_at is not null) not valid`,
    );
  }
  return statements;
}

/**
 * A required field's rule in the table: a CHECK rather than NOT NULL so soft-deleted rows
 * are exempt, added NOT VALID so rows already there are not scanned. With
 * `exemptCreatedBefore` (a restored field), rows created before then stay writable
 * without it: PostgreSQL checks every updated row, the search reindex included.
 */
export function addRequiredCheckSql(
  schema: string,
  object: ObjectDef,
  field: FieldDef,
  exemptCreatedBefore?: Date,
): string {
  const column = fieldTypeSpecs[field.type].columns(field)[0]?.name ?? field.column!;
  const exempt = exemptCreatedBefore
    ? ` or created_at < timestamptz '${exemptCreatedBefore.toISOString()}'`
    : '';
  return `alter table ${qualified(schema, object.table)} add constraint ${quote(`${field.column}_required`)} check (${quote(column)} is not null or deleted_at is not null${exempt}) not valid`;
}

export function dropRequiredCheckSql(schema: string, object: ObjectDef, field: FieldDef): string {
  return `alter table ${qualified(schema, object.table)} drop constraint if exists ${quote(`${field.column}_required`)}`;
}

export function createJunctionSql(schema: string, junction: string, a: ObjectDef, b: ObjectDef): string[] {
  return [
    `create table ${qualified(schema, junction)} (
      a_id uuid not null references ${qualified(schema, a.table)} (id) on delete cascade,
      b_id uuid not null references ${qualified(schema, b.table)} (id) on delete cascade,
      primary key (a_id, b_id)
    )`,
    `create index ${quote(`${junction}_b`)} on ${qualified(schema, junction)} (b_id, a_id)`,
  ];
}

/** The fields a record's `search` document is built from: active, searchable, in a column. */
export function searchedFields(object: ObjectDef): FieldDef[] {
  return object.fields.filter(
    (f) => !f.system && !f.archivedAt && f.column && fieldTypeSpecs[f.type].searchable,
  );
}

/** A searched field's text as indexed (`expression` is its column or a parameter). */
export function searchTextSql(field: FieldDef, expression: string): string {
  return fieldTypeSpecs[field.type].searchText?.(expression) ?? expression;
}

/** The `search` column's value from the searched fields' texts, in the order of `searchedFields`. */
export function searchVectorSql(texts: readonly string[]): string {
  return texts.length ? `to_tsvector('simple', concat_ws(' ', ${texts.join(', ')}))` : `''::tsvector`;
}

export function indexName(field: FieldDef, unique: boolean): string {
  return `${field.column}_${unique ? 'uniq' : 'idx'}`;
}

/**
 * A b-tree index serving equality, ranges and ORDER BY (with id as tie-breaker for
 * stable pages); run outside a transaction, concurrently, so writes never wait.
 */
export function createFieldIndexSql(
  schema: string,
  object: ObjectDef,
  field: FieldDef,
  unique: boolean,
  concurrently = true,
): string {
  const column = quote(field.column!);
  // Pages read by (value, id), unless the type orders its index otherwise.
  const columns = unique ? column : `${column}, ${fieldTypeSpecs[field.type].indexTail ?? 'id'}`;
  return `create ${unique ? 'unique ' : ''}index ${concurrently ? 'concurrently ' : ''}if not exists ${quote(indexName(field, unique))} on ${qualified(schema, object.table)} (${columns}) where deleted_at is null`;
}

export function dropIndexSql(schema: string, field: FieldDef, unique: boolean): string {
  return `drop index concurrently if exists ${qualified(schema, indexName(field, unique))}`;
}
