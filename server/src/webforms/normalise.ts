import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * The keys people are matched on, exported for every module that de-duplicates people
 * (forms, lead feeds, duplicate rules): one normalisation, so a match here is a match there.
 */

/** Lower case, trimmed; null for anything that is not an address (no `@`, spaces inside). */
export function normaliseEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? text : null;
}

/**
 * E.164 (`+33612345678`) by libphonenumber-js; a number without a country code is read in
 * `defaultCountry`. Null when it cannot be a phone number. Numbers it cannot place in a
 * country but that have 6–15 digits are kept as `+<digits>` only when written with a `+`.
 */
export function normalisePhone(value: unknown, defaultCountry?: string): string | null {
  if (typeof value !== 'string' || !/\d/.test(value)) return null;
  const parsed = parsePhoneNumberFromString(value.trim(), defaultCountry as CountryCode | undefined);
  if (parsed?.isPossible()) return parsed.number;
  const digits = value.replace(/\D/g, '');
  return value.trim().startsWith('+') && digits.length >= 6 && digits.length <= 15 ? `+${digits}` : null;
}
