import { uiOf } from '../records/fields/registry';
import type { FieldDef, ObjectDef } from '../metadata';
import { formatValue } from '../records/field-values';
import type { BoardCard } from './operations';

/** A couple of fields worth showing under a card's title: not the title, stage or amount. */
export function cardFields(
  object: ObjectDef,
  stageField: string,
  sumField: string | null,
  max = 2,
): FieldDef[] {
  return object.fields
    .filter(
      (f) =>
        !f.system &&
        uiOf(f.type).onCards === true &&
        f.key !== object.labelFieldKey &&
        f.key !== stageField &&
        f.key !== sumField,
    )
    .slice(0, max);
}

/** The title of a card: its label field, or a placeholder. */
export function cardTitle(object: ObjectDef, card: BoardCard): string {
  const value = object.labelFieldKey ? card[object.labelFieldKey] : null;
  return value === null || value === undefined || value === '' ? 'Untitled' : String(value);
}

const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A column total, short: "12,500". */
export function formatTotal(value: number | null): string {
  return value === null ? '' : money.format(value);
}

export function formatCardValue(field: FieldDef, card: BoardCard): string {
  return formatValue(field, card[field.key]);
}
