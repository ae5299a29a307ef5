import { describe, expect, it } from 'vitest';
import { BadInput } from '../../platform/index.js';
import { fieldTypeSpecs, parseFieldOptions } from '../field-types.js';
import { groupsDigits } from './number.js';

const path = ['input', 'settings'];

describe('NUMBER grouping', () => {
  it('parses grouping beside precision, and leaves it out when not given', () => {
    expect(parseFieldOptions('NUMBER', { grouping: false, precision: 0 }, path)).toEqual({
      precision: 0,
      grouping: false,
    });
    expect(parseFieldOptions('NUMBER', { grouping: true }, path)).toEqual({ grouping: true });
    expect(parseFieldOptions('NUMBER', { grouping: null }, path)).toEqual({});
    expect(parseFieldOptions('NUMBER', {}, path)).toEqual({});
  });

  it('refuses a grouping that is not true or false, naming the setting', () => {
    const parse = () => parseFieldOptions('NUMBER', { grouping: 'no' as unknown as boolean }, path);
    expect(parse).toThrow(BadInput);
    expect(parse).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ argumentPath: [...path, 'grouping'] }),
      }),
    );
  });

  it('is a NUMBER setting: PERCENT and CURRENCY ignore it', () => {
    expect(parseFieldOptions('PERCENT', { grouping: false }, path)).toEqual({});
    expect(parseFieldOptions('CURRENCY', { grouping: false }, path)).toEqual({ defaultCurrency: 'USD' });
  });

  it('exports only grouping false, as a template says the default by saying nothing', () => {
    const exportOf = fieldTypeSpecs.NUMBER.exportOptions!;
    expect(exportOf({ precision: 0, grouping: false })).toEqual({ precision: 0, grouping: false });
    expect(exportOf({ grouping: true })).toEqual({});
    expect(exportOf({})).toEqual({});
  });

  it('groups every number but a NUMBER set not to', () => {
    expect(groupsDigits({ type: 'NUMBER', options: {} })).toBe(true);
    expect(groupsDigits({ type: 'NUMBER', options: { grouping: true } })).toBe(true);
    expect(groupsDigits({ type: 'NUMBER', options: { grouping: false } })).toBe(false);
    expect(groupsDigits({ type: 'NUMBER' })).toBe(true);
    expect(groupsDigits({ type: 'PERCENT', options: { grouping: false } })).toBe(true);
  });
});
