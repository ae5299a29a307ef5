import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeFields,
  type FieldDef,
  type ObjectDef,
  qualified,
  quote,
  specOf,
  valueToSql,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { AppError, queryRows } from '../platform/index.js';
import { type Lookups, cellNames, lookUp, needsLookup } from './lookups.js';
import type { SheetRow } from './parse.js';
import type { ImportSettings, MappedColumn } from './settings.js';
import { cellValue, isEmptyCell } from './transform.js';

/**
 * A batch of rows → record inputs and per-row errors, the same way for the preview and the
 * run: cells read (transform.ts), names looked up (lookups.ts), each value validated by the
 * field-type registry, then matched on the unique field (create or update).
 */

export interface RowError {
  line: number;
  column: string | null;
  fieldKey: string | null;
  message: string;
}

export interface PlannedRow {
  /** The lines it came from: a value repeated in the file merges later rows into the first. */
  lines: number[];
  input: Record<string, unknown>;
  /** The matched record, or null to create one. */
  recordId: string | null;
}

export interface BatchPlan {
  rows: PlannedRow[];
  errors: RowError[];
}

function lookedUp(cell: SheetRow['cells'][number], column: MappedColumn, lookups: Lookups): unknown {
  const found = lookups.get(column.field)!;
  const ids = cellNames(cell, column.field).map((name) => {
    const matches = found.get(name) ?? [];
    if (matches.length !== 1) {
      const what = column.field.type === 'USER' ? 'member' : 'record';
      throw new AppError(
        'BAD_USER_INPUT',
        matches.length ? `"${name}" matches ${matches.length} ${what}s.` : `no ${what} "${name}".`,
      );
    }
    return matches[0]!;
  });
  return column.field.options.relationKind === 'MANY_TO_MANY' ? ids : ids[0];
}

/** One row's input, or its first error. */
function rowInput(
  row: SheetRow,
  columns: readonly MappedColumn[],
  settings: ImportSettings,
  lookups: Lookups,
): { input: Record<string, unknown> } | { error: RowError } {
  const input: Record<string, unknown> = {};
  for (const column of columns) {
    const cell = row.cells[column.index];
    if (isEmptyCell(cell)) continue;
    try {
      const value = needsLookup(column.field)
        ? lookedUp(cell!, column, lookups)
        : cellValue(cell!, column.field, settings);
      valueToSql(column.field, value, [column.field.key]);
      input[column.field.key] = value;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const message = error.message.startsWith(`${column.field.key}: `)
        ? error.message
        : `${column.field.key}: ${error.message}`;
      return { error: { line: row.line, column: column.column, fieldKey: column.field.key, message } };
    }
  }
  return { input };
}

/** Required fields without a default, which a new record must get from its row. */
function requiredForCreate(object: ObjectDef): FieldDef[] {
  return activeFields(object).filter(
    (f) => f.required && !f.system && f.column && (f.defaultValue === null || f.defaultValue === undefined),
  );
}

/** The unique field's stored value, as the table compares it (e-mails lower-cased…). */
function keyOf(field: FieldDef, input: Record<string, unknown>): string | null {
  const value = input[field.key];
  if (value === undefined) return null;
  const [sqlValue] = valueToSql(field, value, [field.key]);
  return sqlValue === null || sqlValue === undefined ? null : String(sqlValue);
}

async function existingByKey(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  field: FieldDef,
  keys: string[],
): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const sqlType = specOf(field.type).columns(field)[0]!.sqlType;
  const rows = await queryRows<{ id: string; key: string }>(
    em,
    `select id::text, ${quote(field.column!)}::text as key from ${qualified(metadata.schema, object.table)}
     where deleted_at is null and ${quote(field.column!)} = any(?::${sqlType}[]) order by created_at`,
    [keys],
  );
  const byKey = new Map<string, string>();
  for (const r of rows) if (!byKey.has(r.key)) byKey.set(r.key, r.id);
  return byKey;
}

export async function planBatch(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  settings: ImportSettings,
  columns: readonly MappedColumn[],
  rows: readonly SheetRow[],
): Promise<BatchPlan> {
  const lookups = await lookUp(em, metadata, columns, rows);
  const errors: RowError[] = [];
  const unique = settings.uniqueFieldKey
    ? columns.find((c) => c.field.key === settings.uniqueFieldKey)!.field
    : null;
  const valid: { line: number; input: Record<string, unknown>; key: string | null }[] = [];
  for (const row of rows) {
    const result = rowInput(row, columns, settings, lookups);
    if ('error' in result) errors.push(result.error);
    else
      valid.push({ line: row.line, input: result.input, key: unique ? keyOf(unique, result.input) : null });
  }
  const existing = unique
    ? await existingByKey(em, metadata, object, unique, [
        ...new Set(valid.flatMap((v) => (v.key === null ? [] : [v.key]))),
      ])
    : new Map<string, string>();
  const required = requiredForCreate(object);
  const planned: PlannedRow[] = [];
  const byKey = new Map<string, PlannedRow>();
  for (const row of valid) {
    const same = row.key === null ? undefined : byKey.get(row.key);
    if (same) {
      Object.assign(same.input, row.input);
      same.lines.push(row.line);
      continue;
    }
    const recordId = row.key === null ? null : (existing.get(row.key) ?? null);
    const missing = recordId ? undefined : required.find((f) => row.input[f.key] === undefined);
    if (missing) {
      errors.push({
        line: row.line,
        column: null,
        fieldKey: missing.key,
        message: `${missing.key}: is required.`,
      });
      continue;
    }
    const plan: PlannedRow = { lines: [row.line], input: row.input, recordId };
    planned.push(plan);
    if (row.key !== null) byKey.set(row.key, plan);
  }
  return { rows: planned, errors: errors.sort((a, b) => a.line - b.line) };
}
