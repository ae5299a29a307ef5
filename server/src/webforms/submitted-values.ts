import { valueToSql, type FieldDef } from '../metadata/index.js';
import { AppError } from '../platform/index.js';
import type { FormTarget, ResolvedField } from './form-fields.js';
import { consentName, honeypotName, powInputs, recordLinkInputs } from './model.js';

/** A submitted body read against a form: API values per record, or the fields at fault. */

export interface FieldError {
  /** The input's name (`email`, `person.phone`, `_consent`). */
  field: string;
  message: string;
}

export interface ReadValues {
  record: Record<string, unknown>;
  person: Record<string, unknown>;
  /** Relation inputs: the text to find the related record by. */
  lookups: { resolved: ResolvedField; text: string }[];
  errors: FieldError[];
}

export const maxValueLength = 10_000;
export const maxInputs = 100;
const reserved = new Set<string>([
  honeypotName,
  consentName,
  powInputs.challenge,
  powInputs.nonce,
  recordLinkInputs.record,
  recordLinkInputs.signature,
]);

const blank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** Anything filled in the honeypot: a bot. */
export function isHoneypotFilled(body: Record<string, unknown>): boolean {
  return !blank(body[honeypotName]);
}

const truthy = new Set(['on', 'true', '1', 'yes']);
const falsy = new Set(['off', 'false', '0', 'no']);

function choiceKey(field: FieldDef, value: string): string {
  const choices = field.options.choices ?? field.options.pipelines?.flatMap((p) => p.stages) ?? [];
  const wanted = value.trim().toLowerCase();
  return (
    choices.find((c) => c.key.toLowerCase() === wanted || c.label.toLowerCase() === wanted)?.key ?? value
  );
}

class WrongType extends Error {}

/** A typed-in (string) or JSON value → the records API's value for the field's type. */
function coerce(field: FieldDef, raw: unknown): unknown {
  const one = Array.isArray(raw) && field.type !== 'MULTI_SELECT' ? raw.at(-1) : raw;
  switch (field.type) {
    case 'NUMBER':
    case 'PERCENT':
    case 'RATING':
      return typeof one === 'string' ? Number(one.trim().replace(/,/g, '')) : one;
    case 'CURRENCY': {
      const amount = typeof one === 'string' ? Number(one.trim().replace(/,/g, '')) : one;
      return typeof amount === 'number' ? { amount } : one;
    }
    case 'BOOLEAN':
      if (typeof one === 'boolean') return one;
      if (typeof one === 'string' && truthy.has(one.toLowerCase())) return true;
      if (typeof one === 'string' && falsy.has(one.toLowerCase())) return false;
      throw new WrongType('must be yes or no');
    case 'DATETIME':
      // An <input type="datetime-local"> sends no zone: read as UTC (docs/forms.md).
      return typeof one === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(one)
        ? `${one}Z`
        : one;
    case 'SELECT':
    case 'STAGE':
      return typeof one === 'string' ? choiceKey(field, one) : one;
    case 'MULTI_SELECT': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : raw;
      if (!Array.isArray(list)) throw new WrongType('must be a list of options');
      return list.map((v) => (typeof v === 'string' ? choiceKey(field, v) : v)).filter((v) => v !== '');
    }
    default:
      if (typeof one !== 'string') throw new WrongType('must be text');
      return one.trim();
  }
}

function oversize(raw: unknown): boolean {
  if (typeof raw === 'string') return raw.length > maxValueLength;
  if (Array.isArray(raw)) return raw.length > maxInputs || raw.some(oversize);
  return false;
}

/** Reads `body` against the form: every problem is listed, nothing is written here. */
export function readSubmittedValues(
  target: FormTarget,
  body: Record<string, unknown>,
  consentAsked: boolean,
): ReadValues {
  const out: ReadValues = { record: {}, person: {}, lookups: [], errors: [] };
  const byPath = new Map(target.fields.map((f) => [f.input.path, f]));
  const names = Object.keys(body);
  if (names.length > maxInputs) out.errors.push({ field: '', message: `at most ${maxInputs} inputs` });
  for (const name of names.slice(0, maxInputs)) {
    if (!byPath.has(name) && !reserved.has(name))
      out.errors.push({ field: name, message: 'is not a field of this form' });
    else if (oversize(body[name]))
      out.errors.push({ field: name, message: `must be at most ${maxValueLength} characters` });
  }
  if (
    consentAsked &&
    !truthy.has(String(body[consentName] ?? '').toLowerCase()) &&
    body[consentName] !== true
  )
    out.errors.push({ field: consentName, message: 'consent is required' });
  for (const resolved of target.fields) {
    const { input, field } = resolved;
    if (oversize(body[input.path])) continue;
    // A hidden field sends what the form says, whatever a page posted in its name.
    const raw = input.hidden || !(input.path in body) ? input.defaultValue : body[input.path];
    if (blank(raw)) {
      if (input.required || (field.required && resolved.on === 'record'))
        out.errors.push({ field: input.path, message: 'is required' });
      continue;
    }
    try {
      const value = coerce(field, raw);
      if (field.type === 'RELATION') {
        out.lookups.push({ resolved, text: String(value) });
        continue;
      }
      valueToSql(field, value, [input.path]);
      (resolved.on === 'record' ? out.record : out.person)[field.key] = value;
    } catch (error) {
      if (!(error instanceof WrongType || error instanceof AppError)) throw error;
      const message = error.message.replace(/^[^:]*: /, '');
      out.errors.push({ field: input.path, message });
    }
  }
  return out;
}
