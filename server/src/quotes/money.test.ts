import { describe, expect, it } from 'vitest';
import { documentTotals, lineTotals, parseDecimal } from './money.js';

describe('money', () => {
  it('adds what binary floats get wrong, exactly', () => {
    const totals = documentTotals([
      { quantity: '3', unitPrice: '0.1', discountPercent: '0', taxRate: '0' },
      { quantity: '1', unitPrice: '0.2', discountPercent: '0', taxRate: '0' },
    ]);
    expect(totals.total).toBe('0.50');
  });

  it('rounds a line half away from zero, and tax per rate on the sum of the lines', () => {
    expect(lineTotals({ quantity: '1', unitPrice: '0.125', discountPercent: '0', taxRate: '0' }).gross).toBe(
      '0.13',
    );
    // Three lines of 0.05 at 10 %: 0.015 tax once on the sum, not 0.01 × 3 rounded per line.
    const totals = documentTotals(
      Array.from({ length: 3 }, () => ({
        quantity: '1',
        unitPrice: '0.05',
        discountPercent: '0',
        taxRate: '10',
      })),
    );
    expect(totals.taxes).toEqual([{ rate: '10', base: '0.15', tax: '0.02' }]);
    expect(totals.total).toBe('0.17');
  });

  it('refuses what is not a decimal, naming the path', () => {
    expect(() => parseDecimal('1e3', ['input', 'quantity'])).toThrow(/quantity/);
    expect(() => parseDecimal('101', ['input', 'taxRate'], { min: 0, max: 100 })).toThrow(/at most 100/);
    expect(parseDecimal(' 12.5 ', ['x']).toString()).toBe('12.5');
  });
});
