import type { FieldDef, ObjectDef, Path } from '../../metadata/index.js';
import {
  AppError,
  BadInput,
  Conflict,
  isUnstorableTextError,
  unstorableTextMessage,
} from '../../platform/index.js';
import { columnsOf, visibleFields } from '../query/fields.js';
import { toParam } from '../query/sql.js';

/**
 * PostgreSQL's constraints hold the same rules as the validation a second time (and
 * win races); their violations become errors naming the field, never SQL text.
 */

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
}

/** A record being written, as far as error messages need it. */
export interface WrittenRecord {
  path: Path;
  values: ReadonlyMap<FieldDef, unknown[]>;
}

function fieldOfColumn(object: ObjectDef, column: string | undefined): FieldDef | undefined {
  if (!column) return undefined;
  return visibleFields(object).find((f) => columnsOf(f).some((c) => c.name === column));
}

function keyOf(detail: string | undefined): { column?: string; value?: string } {
  const match = /^Key \(([^)]+)\)=\((.*)\)/.exec(detail ?? '');
  return { column: match?.[1], value: match?.[2] };
}

/**
 * The record whose value caused the violation, so bulk errors name the right index:
 * of two records with one unique value, the later one is the duplicate.
 */
function recordWith(
  records: readonly WrittenRecord[],
  field: FieldDef,
  value: string | undefined,
): WrittenRecord | undefined {
  const holds = (r: WrittenRecord) =>
    value !== undefined && String(toParam(r.values.get(field)?.[0])) === value;
  return records.findLast(holds) ?? records.find((r) => r.values.has(field)) ?? records[0];
}

export function toWriteError(
  error: unknown,
  object: ObjectDef,
  records: readonly WrittenRecord[],
  options: { restoring?: boolean } = {},
): unknown {
  if (error instanceof AppError) return error;
  const pg = error as PgError;
  if (isUnstorableTextError(error)) {
    // Refused before SQL as a rule (platform/text-input.ts); this is the second line.
    return new BadInput(records[0]?.path ?? ['input'], unstorableTextMessage);
  }
  if (pg.code !== '23505' && pg.code !== '23503' && pg.code !== '23514' && pg.code !== '23502') return error;
  const key = keyOf(pg.detail);
  const requiredColumn = pg.constraint?.endsWith('_required')
    ? pg.constraint.slice(0, -'_required'.length)
    : undefined;
  const field = fieldOfColumn(object, key.column ?? requiredColumn ?? pg.constraint?.replace(/_uniq$/, ''));
  if (!field) return error;
  const record = recordWith(records, field, key.value);
  const path = [...(record?.path ?? ['input']), field.key];
  if (pg.code === '23505') {
    const message = `${field.key}: “${key.value ?? ''}” is already used by another record.`;
    return options.restoring ? new Conflict(message, { field: field.key }) : new BadInput(path, message);
  }
  if (pg.code === '23503') return new BadInput(path, `${field.key}: no such record (${key.value ?? ''}).`);
  return new BadInput(path, `${field.key}: is required.`, { reason: 'value.required', params: {} });
}

/** Runs `work`, turning constraint violations into errors that name the field. */
export async function namingFields<T>(
  object: ObjectDef,
  records: readonly WrittenRecord[],
  work: () => Promise<T>,
  options: { restoring?: boolean } = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toWriteError(error, object, records, options);
  }
}
