import { Decimal } from 'decimal.js';
import { BadInput } from '../platform/index.js';

/**
 * Money arithmetic, exact: every amount is a decimal.js value (base 10, never a binary float)
 * and every input a decimal string. Amounts are rounded to cents half away from zero
 * (commercial rounding) at three points only: a line's gross, a line's discount, and the tax
 * of each rate over the sum of its lines' net amounts.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

const decimalPattern = /^[-+]?\d{1,14}(\.\d{1,4})?$/;

/** A decimal string (up to 14 digits and 4 decimals) → a decimal, or BAD_USER_INPUT at `path`. */
export function parseDecimal(text: string, path: readonly string[], range?: { min?: number; max?: number }) {
  const trimmed = text.trim();
  if (!decimalPattern.test(trimmed))
    throw new BadInput(path, `${path.at(-1)}: must be a decimal number such as "12.50" (up to 4 decimals).`);
  const value = new D(trimmed);
  if (range?.min !== undefined && value.lt(range.min))
    throw new BadInput(path, `${path.at(-1)}: must be at least ${range.min}.`);
  if (range?.max !== undefined && value.gt(range.max))
    throw new BadInput(path, `${path.at(-1)}: must be at most ${range.max}.`);
  return value;
}

export interface LineAmounts {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
}

export interface LineTotals {
  /** quantity × unit price, rounded to cents. */
  gross: string;
  /** gross × discount %, rounded to cents. */
  discount: string;
  /** gross − discount: what tax applies to. */
  net: string;
}

export interface TaxLine {
  rate: string;
  /** The sum of the net amounts taxed at this rate. */
  base: string;
  tax: string;
}

export interface DocumentTotals {
  subtotal: string;
  discount: string;
  net: string;
  taxes: TaxLine[];
  tax: string;
  total: string;
}

const cents = (value: Dec) => value.toDecimalPlaces(2, D.ROUND_HALF_UP);
const money = (value: Dec) => value.toFixed(2);
/** A rate or quantity as stored (numeric keeps trailing zeros): its shortest form. */
export const plain = (text: string) => new D(text).toString();

function lineParts(line: LineAmounts) {
  const gross = cents(new D(line.quantity).mul(line.unitPrice));
  const discount = cents(gross.mul(line.discountPercent).div(100));
  return { gross, discount, net: gross.sub(discount) };
}

export function lineTotals(line: LineAmounts): LineTotals {
  const { gross, discount, net } = lineParts(line);
  return { gross: money(gross), discount: money(discount), net: money(net) };
}

/** A quote's or invoice's totals; taxes per rate, highest rate first. */
export function documentTotals(lines: readonly LineAmounts[]): DocumentTotals {
  let subtotal = new D(0);
  let discount = new D(0);
  const bases = new Map<string, Dec>();
  for (const line of lines) {
    const parts = lineParts(line);
    subtotal = subtotal.add(parts.gross);
    discount = discount.add(parts.discount);
    const rate = plain(line.taxRate);
    bases.set(rate, (bases.get(rate) ?? new D(0)).add(parts.net));
  }
  const taxes = [...bases]
    .sort(([a], [b]) => new D(b).cmp(a))
    .map(([rate, base]) => ({ rate, base: money(base), tax: money(cents(base.mul(rate).div(100))) }));
  const tax = taxes.reduce((sum, t) => sum.add(t.tax), new D(0));
  const net = subtotal.sub(discount);
  return {
    subtotal: money(subtotal),
    discount: money(discount),
    net: money(net),
    taxes,
    tax: money(tax),
    total: money(net.add(tax)),
  };
}

/** `a − b` of two money strings, to cents. */
export function subtractMoney(a: string, b: string): string {
  return money(new D(a).sub(b));
}

export function compareMoney(a: string, b: string): number {
  return new D(a).cmp(b);
}
