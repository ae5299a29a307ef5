import { uiOf } from '../records/fields/registry';
import { formatMoney, formatNumber, i18n } from '../i18n';
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
  return value === null || value === undefined || value === ''
    ? i18n.global.t('common.untitled')
    : String(value);
}

const whole = { minimumFractionDigits: 0, maximumFractionDigits: 0 };

/**
 * A column total, short and in the language's format: "US$12,500", "12.500 $" for a currency
 * field with a default currency, else "12,500". (The server adds amounts as they are stored.)
 */
export function formatTotal(value: number | null, field?: FieldDef | null): string {
  if (value === null) return '';
  const currency = field?.type === 'CURRENCY' ? field.settings.defaultCurrency : null;
  return currency ? formatMoney(value, currency, whole) : formatNumber(value, whole);
}

export function formatCardValue(field: FieldDef, card: BoardCard): string {
  return formatValue(field, card[field.key]);
}
