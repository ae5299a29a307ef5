import { describe, expect, it } from 'vitest';
import { valueToSql } from './field-types.js';
import type { FieldDef, FieldType } from './model.js';

function field(type: FieldType): FieldDef {
  return {
    id: 'f',
    objectId: 'o',
    key: 'x',
    label: 'X',
    type,
    required: false,
    unique: false,
    defaultValue: null,
    helpText: null,
    filterable: true,
    sortable: true,
    options: {},
    column: 'f_x',
    standard: false,
    system: false,
    readOnly: false,
    position: 0,
    archivedAt: null,
  };
}

describe('valueToSql', () => {
  it('makes null, undefined and blank text no value, for text types too', () => {
    for (const type of ['TEXT', 'LONG_TEXT', 'EMAIL', 'NUMBER', 'DATE'] as const) {
      expect(valueToSql(field(type), '', ['x']), type).toEqual([null]);
    }
    expect(valueToSql(field('CURRENCY'), null, ['x'])).toEqual([null, null]);
    expect(valueToSql(field('TEXT'), ' ', ['x'])).toEqual([' ']);
  });
});
