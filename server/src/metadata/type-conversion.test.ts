import { describe, expect, it } from 'vitest';
import type { FieldDef, FieldType } from './model.js';
import { convertValue } from './field-types.js';

function field(type: FieldType, options: FieldDef['options'] = {}): FieldDef {
  return {
    id: 'f',
    objectId: 'o',
    key: 'k',
    label: 'K',
    type,
    required: false,
    unique: false,
    defaultValue: null,
    helpText: null,
    filterable: true,
    sortable: true,
    options,
    column: 'f_x',
    standard: false,
    system: false,
    readOnly: false,
    position: 0,
    archivedAt: null,
  };
}

describe('convertValue', () => {
  it('reads numbers written with thousands separators or a decimal comma', () => {
    expect(convertValue('1,234.5', field('TEXT'), field('NUMBER'))).toBe(1234.5);
    expect(convertValue('12,5', field('TEXT'), field('NUMBER'))).toBe(12.5);
    expect(convertValue('twelve', field('TEXT'), field('NUMBER'))).toBe('twelve');
  });

  it('maps text to select keys by key or label, case-insensitively', () => {
    const select = field('SELECT', {
      choices: [{ key: 'forSale', label: 'For sale', color: '#000000', position: 0 }],
    });
    expect(convertValue('FOR SALE', field('TEXT'), select)).toBe('forSale');
    expect(convertValue('sold', field('TEXT'), select)).toBe('sold');
  });

  it('writes money and lists as text', () => {
    expect(convertValue({ amount: 10, currency: 'EUR' }, field('CURRENCY'), field('TEXT'))).toBe('10 EUR');
    expect(convertValue(['a', 'b'], field('MULTI_SELECT'), field('TEXT'))).toBe('a, b');
  });

  it('reads currency amounts with a code on either side', () => {
    expect(convertValue('EUR 1,200', field('TEXT'), field('CURRENCY', { defaultCurrency: 'USD' }))).toEqual({
      amount: 1200,
      currency: 'EUR',
    });
    expect(convertValue('99', field('TEXT'), field('CURRENCY', { defaultCurrency: 'USD' }))).toEqual({
      amount: 99,
      currency: 'USD',
    });
  });
});
