import { decodeVin, type FieldDef, type ObjectDef, valueToSql, type VinFills } from '../../metadata/index.js';
import type { RecordRow } from '../api.js';
import { columnFields } from '../query/fields.js';
import type { PreparedRecord } from './input.js';

/**
 * A VIN field's `fills`: a write that sets a valid VIN fills the declared fields (make,
 * model year) that are empty, in the same write. A value the write gives itself, or
 * one the record already holds, is kept: a person's correction wins over the table.
 */

function decodedValues(vin: string, fills: VinFills): [string, unknown][] {
  const decoded = decodeVin(vin);
  if (!decoded.valid) return [];
  const values: [string, unknown][] = [];
  if (fills.make && decoded.make) values.push([fills.make, decoded.make]);
  if (fills.modelYear && decoded.modelYear) values.push([fills.modelYear, decoded.modelYear]);
  return values;
}

function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function isEmptySql(values: readonly unknown[]): boolean {
  return values.every((v) => v === null || v === undefined);
}

/** Adds the decoded values to `record` for the fields empty in it and in `before` (absent on create). */
export function fillFromVins(object: ObjectDef, record: PreparedRecord, before?: RecordRow): void {
  for (const [field, sqlValues] of [...record.values]) {
    const fills = field.options.format === 'VIN' ? field.options.fills : undefined;
    if (!fills || isEmptySql(sqlValues)) continue;
    for (const [key, value] of decodedValues(String(sqlValues[0]), fills)) {
      const target = columnFields(object).find((f) => f.key === key);
      if (!target) continue;
      const given = record.values.get(target);
      if (given && !isEmptySql(given)) continue;
      if (before && !isEmptyValue(before[key])) continue;
      const converted = convertQuietly(target, value);
      if (converted) record.values.set(target, converted);
    }
  }
}

/** A decoded value the target refuses (a make not among a SELECT's choices) is left out. */
function convertQuietly(target: FieldDef, value: unknown): unknown[] | null {
  try {
    return valueToSql(target, target.type === 'TEXT' ? String(value) : value, [target.key]);
  } catch {
    return null;
  }
}
