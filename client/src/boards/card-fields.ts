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
 * The currency of the board's totals: the one every loaded card's amount is in. The server adds
 * the amounts as stored, whatever their currency, so with several (or a number field) a total
 * is shown as a plain number rather than in a currency it is not.
 */
export function totalsCurrency(cards: readonly BoardCard[], sumField: string | null): string | null {
  if (!sumField) return null;
  const currencies = new Set<string>();
  for (const card of cards) {
    const value = card[sumField] as { currency?: unknown } | null | undefined;
    if (value && typeof value === 'object' && typeof value.currency === 'string')
      currencies.add(value.currency);
  }
  return currencies.size === 1 ? [...currencies][0]! : null;
}

/** A column total, short, in the language's format: "€12,500", "12.500 €", else "12,500". */
export function formatTotal(value: number | null, currency?: string | null): string {
  if (value === null) return '';
  return currency ? formatMoney(value, currency, whole) : formatNumber(value, whole);
}

export function formatCardValue(field: FieldDef, card: BoardCard): string {
  return formatValue(field, card[field.key]);
}
