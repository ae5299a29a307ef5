import { describe, expect, it } from 'vitest';
import { asJsonb, jsonbKeyOrder } from './jsonb-order.js';

describe('asJsonb', () => {
  it('orders keys as jsonb does: shorter first, then by bytes, at every depth', () => {
    const value = asJsonb({ price: [1, 2], id: 'x', b: { zz: 1, a: 2, ab: [{ yy: 1, x: 0 }] } });
    expect(JSON.stringify(value)).toBe('{"b":{"a":2,"ab":[{"x":0,"yy":1}],"zz":1},"id":"x","price":[1,2]}');
  });

  it('keeps JSON values only, as the log stores them: what JSON.stringify and parse would give', () => {
    const at = new Date('2026-12-05T10:00:00.000Z');
    const value = {
      at,
      gone: undefined,
      run: () => 1,
      list: [undefined, Number.NaN, Infinity, () => 1, at, { toJSON: () => ({ z: 1, a: [2] }) }],
      nested: { b: null, a: false, money: { currency: 'EUR', amount: 1.5 } },
    };
    expect(asJsonb(value)).toEqual({
      at: '2026-12-05T10:00:00.000Z',
      list: [null, null, null, null, '2026-12-05T10:00:00.000Z', { a: [2], z: 1 }],
      nested: { a: false, b: null, money: { amount: 1.5, currency: 'EUR' } },
    });
    expect(asJsonb(value)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(asJsonb(undefined)).toBeUndefined();
    expect(() => asJsonb({ big: 1n })).toThrow(TypeError);
  });

  it('compares keys beyond ASCII by their UTF-8 bytes', () => {
    // Two characters each, but 'aé' is three bytes: longer, so after 'zz'.
    expect(['aé', 'zz', 'ab'].sort(jsonbKeyOrder)).toEqual(['ab', 'zz', 'aé']);
    // Same byte length: U+E000 (EE 80 80) before U+FF61 (EF BD A1).
    expect(['\uFF61', '\uE000'].sort(jsonbKeyOrder)).toEqual(['\uE000', '\uFF61']);
    expect(['b', 'é'].sort(jsonbKeyOrder)).toEqual(['b', 'é']);
  });
});
