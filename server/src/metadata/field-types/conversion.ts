import type { FieldDef } from '../model.js';

/** Helpers for the type change: a value of one type as a candidate for another. */

/** Accepts 1234.5, 1,234.5 and 1 234,5 (a comma before one or two final digits is a decimal comma). */
export function numberFrom(text: string): number | string {
  const trimmed = text.trim().replace(/\s/g, '');
  const normalised = /^[-+]?\d+,\d{1,2}$/.test(trimmed)
    ? trimmed.replace(',', '.')
    : trimmed.replace(/,/g, '');
  return normalised !== '' && Number.isFinite(Number(normalised)) ? Number(normalised) : text;
}

/** An option's key from its key or label, any case; unknown text stays for validation to refuse. */
export function choiceKey(text: string, to: FieldDef): string {
  const wanted = text.trim().toLowerCase();
  const choice = to.options.choices?.find(
    (c) => c.key.toLowerCase() === wanted || c.label.toLowerCase() === wanted,
  );
  return choice?.key ?? text.trim();
}
