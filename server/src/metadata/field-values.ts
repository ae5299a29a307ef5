import { BadInput, isUuid } from '../platform/index.js';

/** Small value checkers shared by the field types; each throws BadInput at `path`. */

export type Path = readonly string[];

/**
 * Refuses a value at `path`. `reason` (with `params`) lets clients word it in the user's
 * language (client/src/i18n/locales/<lang>/serverErrors.ts); the message stays English.
 */
export function fail(
  path: Path,
  message: string,
  reason?: string,
  params: Record<string, unknown> = {},
): never {
  throw new BadInput(path, `${path.at(-1)}: ${message}`, reason ? { reason, params } : {});
}

export function expectString(value: unknown, path: Path, maxLength: number): string {
  if (typeof value !== 'string') fail(path, 'must be text', 'value.text');
  if (value.length > maxLength)
    fail(path, `must be at most ${maxLength} characters`, 'value.tooLong', {
      max: maxLength,
    });
  return value;
}

export function expectNumber(value: unknown, path: Path): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) fail(path, 'must be a number', 'value.number');
  return n;
}

export function roundTo(value: number, precision: number | undefined): number {
  if (precision === undefined) return value;
  const factor = 10 ** precision;
  return Math.round(value * factor) / factor;
}

export function expectUuid(value: unknown, path: Path): string {
  if (typeof value !== 'string' || !isUuid(value)) fail(path, 'must be a record id', 'value.recordId');
  return value.toLowerCase();
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export function expectDate(value: unknown, path: Path): string {
  const text = typeof value === 'string' ? value : '';
  const match = isoDate.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== text)
    fail(path, 'must be a date as YYYY-MM-DD', 'value.date');
  return text;
}

export function expectDateTime(value: unknown, path: Path): Date {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (
    !date ||
    Number.isNaN(date.getTime()) ||
    (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}T/.test(value))
  ) {
    fail(path, 'must be an ISO 8601 date and time, such as 2026-05-01T09:30:00Z', 'value.dateTime');
  }
  return date;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function expectEmail(value: unknown, path: Path): string {
  const text = expectString(value, path, 254).trim().toLowerCase();
  if (!emailPattern.test(text)) fail(path, 'must be an e-mail address', 'value.email');
  return text;
}

const phonePattern = /^\+?[0-9 ()./-]{3,40}$/;

export function expectPhone(value: unknown, path: Path): string {
  const text = expectString(value, path, 40).trim();
  if (!phonePattern.test(text) || !/\d/.test(text))
    fail(path, 'must be a phone number (digits, spaces, + ( ) - .)', 'value.phone');
  return text;
}

export function expectUrl(value: unknown, path: Path): string {
  const text = expectString(value, path, 2048).trim();
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.toString();
  } catch {
    return fail(path, 'must be an http or https URL', 'value.url');
  }
}

const currencies = new Set(Intl.supportedValuesOf('currency'));

export function expectCurrencyCode(value: unknown, path: Path): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!currencies.has(code))
    fail(path, 'must be an ISO 4217 currency code such as EUR or USD', 'value.currency');
  return code;
}
