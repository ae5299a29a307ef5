import type { FieldDef, ObjectDef } from '../metadata/operations';

/** A record as the records API answers it: `id`, `version` and one entry per field key. */
export type RecordData = { id: string; version: number } & Record<string, unknown>;

export interface Money {
  amount: number;
  currency: string;
}

/** A related record or member: its id and one label property (`name`, `title`, …). */
export type Linked = { id: string } & Record<string, unknown>;

export function linkedLabel(value: Linked): string {
  const label = Object.entries(value).find(([key, v]) => key !== 'id' && key !== '__typename' && v != null);
  return label ? String(label[1]) : 'Untitled';
}

/** The name of a record of `object`: its label field, or a placeholder. */
export function recordLabel(object: ObjectDef, record: Record<string, unknown>): string {
  const value = object.labelFieldKey ? record[object.labelFieldKey] : null;
  return value === null || value === undefined || value === '' ? 'Untitled' : String(value);
}

export function isEmptyValue(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function choiceLabel(field: FieldDef, key: string): string {
  const stages = field.settings.pipelines?.flatMap((p) => p.stages) ?? [];
  return (
    field.settings.choices?.find((c) => c.key === key)?.label ??
    stages.find((s) => s.key === key)?.label ??
    key
  );
}

/** The colour of a select option or stage, for its chip. */
export function choiceColor(field: FieldDef, key: string): string {
  const stages = field.settings.pipelines?.flatMap((p) => p.stages) ?? [];
  return (
    field.settings.choices?.find((c) => c.key === key)?.color ??
    stages.find((s) => s.key === key)?.color ??
    '#94a3b8'
  );
}

/** Options of a SELECT, MULTI_SELECT or STAGE field, in order. */
export function choicesOf(field: FieldDef): { key: string; label: string; color: string }[] {
  if (field.type === 'STAGE') return field.settings.pipelines?.flatMap((p) => p.stages) ?? [];
  return [...(field.settings.choices ?? [])].sort((a, b) => a.position - b.position);
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A value as plain text: what a cell shows and what the CSV export writes. */
export function formatValue(field: FieldDef, value: unknown): string {
  if (isEmptyValue(value)) return '';
  switch (field.type) {
    case 'NUMBER':
      return numberFormat.format(Number(value));
    case 'PERCENT':
      return `${numberFormat.format(Number(value))} %`;
    case 'CURRENCY': {
      const money = value as Money;
      return `${money.currency} ${numberFormat.format(money.amount)}`;
    }
    case 'BOOLEAN':
      return value ? 'Yes' : 'No';
    case 'DATETIME':
      return new Date(String(value)).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    case 'SELECT':
    case 'STAGE':
      return choiceLabel(field, String(value));
    case 'MULTI_SELECT':
      return (value as string[]).map((key) => choiceLabel(field, key)).join(', ');
    case 'RATING':
      return `${'★'.repeat(Number(value))}`;
    case 'USER':
      return linkedLabel(value as Linked);
    case 'RELATION':
      return Array.isArray(value)
        ? (value as Linked[]).map(linkedLabel).join(', ')
        : linkedLabel(value as Linked);
    default:
      return String(value);
  }
}

/** Whether a person can write this field through the create/update inputs. */
export function isWritable(field: FieldDef): boolean {
  if (field.readOnly) return false;
  if (field.type === 'RELATION') return field.settings.relation?.kind !== 'ONE_TO_MANY';
  return true;
}
