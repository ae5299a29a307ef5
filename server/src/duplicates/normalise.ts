import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * The one normalisation of contact values, for duplicate rules, form intake and import:
 * two spellings of the same address or number compare equal. `normalisePhoneSql` is the
 * same rule in SQL, so a stored column and a typed value are normalised alike.
 */

/** Trimmed and lower-cased; null when blank. (Local parts are case-sensitive in theory, never in practice.) */
export function normaliseEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim().toLowerCase();
  return email || null;
}

/**
 * Digits only, with one leading `+` for an international number (`00` is read as `+`):
 * "+44 (0)20 7946-0958" and "+44 020 79460958" differ (the `(0)` is kept), but spaces,
 * dots, dashes and brackets never matter. Null when no digit is left.
 */
export function normalisePhone(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (!digits) return null;
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00') && digits.length > 2) return `+${digits.slice(2)}`;
  return digits;
}

/**
 * A phone number in E.164 (`+33612345678`) where the country of numbers typed without one is
 * known (forms and lead feeds read them in `defaultCountry`): "06 12 34 56 78" in FR and
 * "+33 6 12 34 56 78" are one number. Null when it cannot be a phone number; numbers no country
 * claims but written with `+` and 6–15 digits are kept as `+<digits>`.
 */
export function internationalPhone(value: unknown, defaultCountry?: string): string | null {
  if (typeof value !== 'string' || !/\d/.test(value)) return null;
  const parsed = parsePhoneNumberFromString(value.trim(), defaultCountry as CountryCode | undefined);
  if (parsed?.isPossible()) return parsed.number;
  const digits = value.replace(/\D/g, '');
  return value.trim().startsWith('+') && digits.length >= 6 && digits.length <= 15 ? `+${digits}` : null;
}

/** `normaliseEmail` of a column, in SQL. */
export function normaliseEmailSql(column: string): string {
  return `nullif(lower(btrim(${column})), '')`;
}

/** `normalisePhone` of a column, in SQL. */
export function normalisePhoneSql(column: string): string {
  const digits = `regexp_replace(${column}, '\\D', '', 'g')`;
  return `nullif(case when btrim(${column}) like '+%' then '+' || ${digits}
    when ${digits} like '00_%' then '+' || substr(${digits}, 3) else ${digits} end, '')`;
}
