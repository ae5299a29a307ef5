import { type FieldDef, fieldTypeSpecs, type ObjectDef } from '../../metadata/index.js';
import type { RecordRow } from '../api.js';
import { columnFields, manyToManyFields, visibleFields } from '../query/fields.js';

/** API values compared and listed for the change log ({fieldKey: [old, new]}). */

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]))
    );
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) =>
      sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return (a ?? null) === (b ?? null);
}

/** The API value a field will have once `sqlValues` are stored. */
export function apiValue(field: FieldDef, sqlValues: unknown[]): unknown {
  return fieldTypeSpecs[field.type].fromSql(sqlValues, field);
}

function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/** The fields written with a record (its own fields and owner), as a creation's change. */
export function createdValues(object: ObjectDef, row: RecordRow): Record<string, [unknown, unknown]> {
  const owner = visibleFields(object).filter((f) => f.key === 'owner');
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of [...owner, ...columnFields(object), ...manyToManyFields(object)]) {
    if (!isEmptyValue(row[field.key])) changes[field.key] = [null, row[field.key]];
  }
  return changes;
}

/** Sorted and without repeats, as MANY_TO_MANY lists are read back. */
export function idSet(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}
