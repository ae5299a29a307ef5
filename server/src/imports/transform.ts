import { type FieldDef, specOf } from '../metadata/index.js';
import { type Cell, cellText } from './parse.js';
import type { DateOrder, ImportSettings } from './settings.js';

/**
 * A cell → the API value of its field, before the field-type registry validates it: numbers
 * with the file's separators, dates in the file's order or as spreadsheet dates, select
 * options by label (the registry's own conversion). A cell that cannot be read stays text,
 * so validation refuses it with the field's own message. Relations are looked up apart.
 */

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "1.234,5" with ',' as decimal separator → 1234.5; spaces and apostrophes group too. */
export function localeNumber(text: string, decimal: '.' | ','): number | string {
  const compact = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  const grouping = decimal === ',' ? '.' : ',';
  const plain = compact.split(grouping).join('').replace(decimal, '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain) ? Number(plain) : text;
}

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(year: number, month: number, day: number): string {
  const fullYear = year < 100 ? (year < 70 ? 2000 + year : 1900 + year) : year;
  return `${String(fullYear).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug included). */
function fromSerial(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000)).toISOString().slice(0, 10);
}

/** A date as YYYY-MM-DD: ISO, numeric in `order` (. / - separated), or with an English month name. */
export function dateText(text: string, order: DateOrder): string {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(t);
  if (m) return order === 'MDY' ? ymd(+m[3]!, +m[1]!, +m[2]!) : ymd(+m[3]!, +m[2]!, +m[1]!);
  m = /^(\d{1,2})\.?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})$/i.exec(t);
  if (m && months.includes(m[2]!.toLowerCase()))
    return ymd(+m[3]!, months.indexOf(m[2]!.toLowerCase()) + 1, +m[1]!);
  m = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(t);
  if (m && months.includes(m[1]!.toLowerCase()))
    return ymd(+m[3]!, months.indexOf(m[1]!.toLowerCase()) + 1, +m[2]!);
  return text;
}

/** A date and time: ISO as given, else a date as above with an optional HH:MM[:SS] (UTC). */
function dateTimeText(text: string, order: DateOrder): string | Date {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(t)) return t;
  const m = /^(.*?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t)!;
  const date = dateText(m[1]!, order);
  if (date === m[1]) return text;
  return `${date}T${pad(+(m[2] ?? 0))}:${m[3] ?? '00'}:${m[4] ?? '00'}Z`;
}

function numberOf(cell: Cell, settings: ImportSettings): number | string {
  return typeof cell === 'number' ? cell : localeNumber(cellText(cell), settings.decimalSeparator);
}

function moneyOf(cell: Cell, field: FieldDef, settings: ImportSettings): unknown {
  if (typeof cell === 'number') return { amount: cell, currency: field.options.defaultCurrency };
  const text = cellText(cell).trim();
  const code = /\b([A-Za-z]{3})\b/.exec(text)?.[1]?.toUpperCase();
  const amount = localeNumber(text.replace(/[A-Za-z€$£¥]/g, ''), settings.decimalSeparator);
  return typeof amount === 'number' ? { amount, currency: code ?? field.options.defaultCurrency } : text;
}

function dateOf(cell: Cell, settings: ImportSettings): unknown {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return fromSerial(cell);
  return dateText(cellText(cell), settings.dateOrder);
}

function dateTimeOf(cell: Cell, settings: ImportSettings): unknown {
  if (cell instanceof Date) return cell;
  if (typeof cell === 'number') return new Date(Date.UTC(1899, 11, 30) + Math.round(cell * 86_400_000));
  return dateTimeText(cellText(cell), settings.dateOrder);
}

/** Whether a cell counts as empty: an import leaves the field as it is (or its default). */
export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The API value of a non-relation cell (see the file's comment). */
export function cellValue(cell: Cell, field: FieldDef, settings: ImportSettings): unknown {
  const spec = specOf(field.type);
  const text = cellText(cell).trim();
  switch (field.type) {
    case 'NUMBER':
    case 'PERCENT':
      return numberOf(cell, settings);
    case 'RATING':
    case 'DURATION': {
      const n = numberOf(cell, settings);
      return spec.convert!(n, typeof n === 'number' ? String(n) : text, field, field);
    }
    case 'CURRENCY':
      return moneyOf(cell, field, settings);
    case 'DATE':
      return dateOf(cell, settings);
    case 'DATETIME':
      return dateTimeOf(cell, settings);
    case 'MULTI_SELECT':
      return spec.convert!(null, text.replace(/;/g, ','), field, field);
    case 'BOOLEAN':
    case 'SELECT':
    case 'STAGE':
      return spec.convert!(typeof cell === 'boolean' ? cell : null, text, field, field);
    default:
      return typeof cell === 'number' ? String(cell) : text;
  }
}
