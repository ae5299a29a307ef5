import type { FieldDef } from './model.js';

/**
 * Turns a value of one field type into a candidate for another; the new type's own
 * validation (field-types.ts) then accepts or refuses it. Pure, for the type change.
 */
export function convertValue(value: unknown, from: FieldDef, to: FieldDef): unknown {
  if (value === null || value === undefined) return null;
  const text = asText(value, from);
  switch (to.type) {
    case 'TEXT':
    case 'LONG_TEXT':
    case 'EMAIL':
    case 'PHONE':
    case 'URL':
      return text;
    case 'NUMBER':
    case 'PERCENT':
      return typeof value === 'number' ? value : numberFrom(text);
    case 'RATING':
      return typeof value === 'number' ? Math.round(value) : numberFrom(text);
    case 'CURRENCY': {
      if (from.type === 'CURRENCY') return value;
      const match = /^\s*([A-Za-z]{3})?\s*([-+]?[\d.,\s]+?)\s*([A-Za-z]{3})?\s*$/.exec(text);
      return match
        ? { amount: numberFrom(match[2]!), currency: match[1] ?? match[3] ?? to.options.defaultCurrency }
        : text;
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (/^(true|yes|y|1|on)$/i.test(text.trim())) return true;
      if (/^(false|no|n|0|off)$/i.test(text.trim())) return false;
      return text;
    case 'DATE':
      return value instanceof Date ? value.toISOString().slice(0, 10) : text.trim().slice(0, 10);
    case 'DATETIME':
      return value instanceof Date
        ? value
        : /^\d{4}-\d{2}-\d{2}$/.test(text.trim())
          ? `${text.trim()}T00:00:00Z`
          : text.trim();
    case 'SELECT':
    case 'STAGE':
      return choiceKey(text, to);
    case 'MULTI_SELECT':
      return (Array.isArray(value) ? value.map(String) : text.split(',')).map((t) => choiceKey(t, to));
    default:
      return value;
  }
}

function asText(value: unknown, from: FieldDef): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(', ');
  if (from.type === 'CURRENCY' && typeof value === 'object') {
    const money = value as { amount: number; currency: string };
    return `${money.amount} ${money.currency}`;
  }
  return String(value);
}

/** Accepts 1234.5, 1,234.5 and 1 234,5 (a comma before one or two final digits is a decimal comma). */
function numberFrom(text: string): number | string {
  const trimmed = text.trim().replace(/\s/g, '');
  const normalised = /^[-+]?\d+,\d{1,2}$/.test(trimmed)
    ? trimmed.replace(',', '.')
    : trimmed.replace(/,/g, '');
  return normalised !== '' && Number.isFinite(Number(normalised)) ? Number(normalised) : text;
}

function choiceKey(text: string, to: FieldDef): string {
  const wanted = text.trim().toLowerCase();
  const choice = to.options.choices?.find(
    (c) => c.key.toLowerCase() === wanted || c.label.toLowerCase() === wanted,
  );
  return choice?.key ?? text.trim();
}
