import { describe, expect, it } from 'vitest';
import { BadInput } from '../../platform/index.js';
import { parseFieldOptions, valueToSql } from '../field-types.js';
import type { FieldDef, FieldOptions } from '../model.js';

function vinField(options: FieldOptions): FieldDef {
  return {
    id: 'f',
    objectId: 'o',
    key: 'vin',
    label: 'VIN',
    type: 'TEXT',
    required: false,
    unique: false,
    defaultValue: null,
    helpText: null,
    filterable: true,
    sortable: true,
    options,
    column: 'f_vin',
    standard: false,
    system: false,
    readOnly: false,
    position: 0,
    archivedAt: null,
  };
}

function refusal(run: () => unknown): BadInput {
  try {
    run();
  } catch (error) {
    return error as BadInput;
  }
  throw new Error('not refused');
}

describe('TEXT’s format option', () => {
  it('reads VIN with its fills, and refuses other formats and fills without the format', () => {
    expect(
      parseFieldOptions('TEXT', { format: 'VIN', fills: { make: 'make', modelYear: 'year' } }, ['settings']),
    ).toEqual({
      format: 'VIN',
      fills: { make: 'make', modelYear: 'year' },
    });
    expect(parseFieldOptions('TEXT', {}, ['settings'])).toEqual({});
    const other = refusal(() => parseFieldOptions('TEXT', { format: 'ISBN' as never }, ['settings']));
    expect(other.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['settings', 'format'] });
    const alone = refusal(() => parseFieldOptions('TEXT', { fills: { make: 'make' } }, ['settings']));
    expect(alone.message).toBe('fills: only a field of format VIN fills others.');
    const bad = refusal(() =>
      parseFieldOptions('TEXT', { format: 'VIN', fills: { make: 'Make field' } }, ['settings']),
    );
    expect(bad.extensions).toMatchObject({ argumentPath: ['settings', 'fills', 'make'] });
  });

  it('stores a VIN upper-cased and refuses an invalid one at the value’s path, with the reason', () => {
    const field = vinField({ format: 'VIN' });
    expect(valueToSql(field, ' 1hgcm82633a004352 ', ['input', 'vin'])).toEqual(['1HGCM82633A004352']);
    const refused = refusal(() => valueToSql(field, '1HGCM82643A004352', ['input', 'vin']));
    expect(refused.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'vin'],
      field: 'vin',
    });
    expect(refused.message).toBe(
      'vin: not a valid VIN: check digit mismatch: position 9 is "4" but the other characters give "3".',
    );
    // Without the format any text goes, as before.
    expect(valueToSql(vinField({}), 'not a vin', ['input', 'vin'])).toEqual(['not a vin']);
  });
});
