import type { FieldDef, ObjectDef } from '../metadata';
import type { Linked, Money } from './fields/values';

export { formatValue } from './fields/registry';
export { choiceColor, choicesOf, isEmptyValue, linkedLabel, type Linked, type Money } from './fields/values';

/** A record as the records API answers it: `id`, `version` and one entry per field key. */
export type RecordData = { id: string; version: number } & Record<string, unknown>;

/** The name of a record of `object`: its label field, or a placeholder. */
export function recordLabel(object: ObjectDef, record: Record<string, unknown>): string {
  const value = object.labelFieldKey ? record[object.labelFieldKey] : null;
  return value === null || value === undefined || value === '' ? 'Untitled' : String(value);
}

/** What the API takes for a field whose record value is `value` (ids for members and relations). */
export function toInputValue(field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (field.type === 'USER') return (value as Linked).id;
  if (field.type === 'RELATION') {
    return Array.isArray(value) ? (value as Linked[]).map((v) => v.id) : (value as Linked).id;
  }
  if (field.type === 'CURRENCY') {
    const money = value as Money;
    return { amount: money.amount, currency: money.currency };
  }
  return value;
}

/** Whether a person can write this field through the create/update inputs. */
export function isWritable(field: FieldDef): boolean {
  if (field.readOnly) return false;
  if (field.type === 'RELATION') return field.settings.relation?.kind !== 'ONE_TO_MANY';
  return true;
}
