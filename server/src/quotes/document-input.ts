import { BadInput, invalidTextReason } from '../platform/index.js';

/** Checks of a quote's or invoice's own fields, each naming its argument path. */

export function parseCurrency(text: string, path: readonly string[]): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code))
    throw new BadInput(path, `${path.at(-1)}: must be a three-letter ISO 4217 code such as "EUR".`);
  return code;
}

/** 'YYYY-MM-DD' of a real calendar day. */
export function parseDate(text: string, path: readonly string[]): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = match && new Date(`${match[0]}T00:00:00Z`);
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[0])
    throw new BadInput(path, `${path.at(-1)}: must be a date as YYYY-MM-DD.`);
  return match[0];
}

export function parseTitle(text: string, path: readonly string[], max = 300): string {
  const title = text.trim();
  if (title.length > max) throw new BadInput(path, `${path.at(-1)}: at most ${max} characters.`);
  const invalid = invalidTextReason(title);
  if (invalid) throw new BadInput(path, `${path.at(-1)}: ${invalid}`);
  return title;
}

/** Today in UTC, 'YYYY-MM-DD'. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
