import type { FieldDef, FieldType } from '../../metadata';
import { FileDisplay, FileFieldEditor } from '../../files';
import { formatDate, formatDateTime, formatMoney, formatNumber, i18n } from '../../i18n';
import BooleanEditor from '../cells/BooleanEditor.vue';
import ChoiceEditor from '../cells/ChoiceEditor.vue';
import CurrencyEditor from '../cells/CurrencyEditor.vue';
import DateEditor from '../cells/DateEditor.vue';
import MemberEditor from '../cells/MemberEditor.vue';
import NumberEditor from '../cells/NumberEditor.vue';
import RelationEditor from '../cells/RelationEditor.vue';
import TextEditor from '../cells/TextEditor.vue';
import BooleanDisplay from './displays/BooleanDisplay.vue';
import ChoiceDisplay from './displays/ChoiceDisplay.vue';
import LinkDisplay from './displays/LinkDisplay.vue';
import RatingDisplay from './displays/RatingDisplay.vue';
import RelationDisplay from './displays/RelationDisplay.vue';
import TextDisplay from './displays/TextDisplay.vue';
import DurationEditor from './DurationEditor.vue';
import { formatDuration, parseDuration } from './duration';
import {
  choiceOffers,
  dateOffers,
  rangeOffers,
  textOffers,
  type FieldTypeUi,
  type FilterUi,
  type Operator,
} from './field-type';
import { choiceLabel, isEmptyValue, linkedLabel, type Linked, type Money } from './values';

/** The field-type registry of the client (field-type.ts says what an entry holds). */

/** A type's name in the current language ("Text", "Langer Text"). */
export function fieldTypeLabel(type: FieldType): string {
  return i18n.global.t(`fields.types.${type}`);
}

const t = (key: string, named: Record<string, unknown> = {}) => i18n.global.t(key, named);

/** An entry as written below; its `label` is added as a getter (fieldTypeUis). */
type TypeEntry = Omit<FieldTypeUi, 'label'>;

const textFilter: FilterUi = { input: 'text', offers: textOffers };
const numberFilter: FilterUi = { input: 'number', offers: rangeOffers, operand: Number };
/** An amount compares as a number; `currency` keeps the amounts in one currency (its own input). */
const moneyFilter: FilterUi = { ...numberFilter, offers: [...rangeOffers, 'currency'] };
const choiceFilter: FilterUi = { input: 'choice', offers: choiceOffers };

function textType(display = TextDisplay): TypeEntry {
  return {
    creatable: true,
    display,
    editor: TextEditor,
    format: (value) => String(value),
    filter: () => textFilter,
    blankIsEmpty: true,
    onCards: true,
  };
}

function numberType(format: (n: number) => string): TypeEntry {
  return {
    creatable: true,
    display: TextDisplay,
    editor: NumberEditor,
    format: (value) => format(Number(value)),
    exportText: (value) => String(value),
    cellClass: 'number',
    filter: () => numberFilter,
    comparable: (value) => Number(value),
    onCards: true,
    settings: ['precision'],
    parseDefault: Number,
  };
}

function choiceType(creatable: boolean): TypeEntry {
  return {
    creatable,
    display: ChoiceDisplay,
    editor: ChoiceEditor,
    format: (value, field) => choiceLabel(field, String(value)),
    filter: () => choiceFilter,
    settings: creatable ? ['choices'] : [],
  };
}

function fileType(): TypeEntry {
  return {
    creatable: true,
    display: FileDisplay,
    editor: FileFieldEditor,
    // A pushed change and a board card carry ids, a read carries the files.
    format: (value) =>
      (value as ({ name?: string } | string)[])
        .map((f) => (typeof f === 'string' ? t('fields.file') : f.name))
        .join(', '),
    filter: () => null,
    localOrder: false,
    listValued: true,
    settings: ['max'],
  };
}

const linkedText = (value: unknown) =>
  Array.isArray(value) ? (value as Linked[]).map(linkedLabel).join(', ') : linkedLabel(value as Linked);

const entries: Record<FieldType, TypeEntry> = {
  TEXT: textType(),
  LONG_TEXT: { ...textType(), cellClass: 'long-text', onCards: false },
  NUMBER: {
    ...numberType((n) => formatNumber(n)),
    // A year or a code reads 2018, not 2,018 (the field's `grouping` setting).
    format: (value, field) =>
      formatNumber(Number(value), field.settings.grouping === false ? { useGrouping: false } : {}),
    settings: ['precision', 'grouping'],
  },
  CURRENCY: {
    ...numberType((n) => formatNumber(n)),
    editor: CurrencyEditor,
    // Symbol and position as the language writes them: "€99.50", "99,50 €".
    format: (value) => {
      const money = value as Money;
      return formatMoney(money.amount, money.currency);
    },
    exportText: undefined,
    filter: () => moneyFilter,
    // A bare number compares the amount, as the server's filter does.
    comparable: (value) =>
      typeof value === 'object' ? Number((value as { amount?: unknown }).amount) : Number(value),
    onCards: false,
    settings: ['precision', 'defaultCurrency'],
    parseDefault: undefined,
  },
  PERCENT: numberType((n) => t('fields.percent', { n: formatNumber(n) })),
  BOOLEAN: {
    creatable: true,
    display: BooleanDisplay,
    editor: BooleanEditor,
    format: (value) => t(value ? 'common.yes' : 'common.no'),
    filter: () => ({ input: 'boolean', offers: ['eq'], operand: (text) => text === 'true' }),
    comparable: Boolean,
    parseDefault: (text) => ['true', 'yes', '1'].includes(text.toLowerCase()),
  },
  DATE: {
    creatable: true,
    display: TextDisplay,
    editor: DateEditor,
    format: (value) => formatDate(String(value)),
    // A spreadsheet reads 2026-12-04 as a date in any language.
    exportText: (value) => String(value),
    filter: () => ({ input: 'date', offers: dateOffers }),
    onCards: true,
  },
  DATETIME: {
    creatable: true,
    display: TextDisplay,
    editor: DateEditor,
    format: (value) => formatDateTime(String(value)),
    exportText: (value) => (typeof value === 'string' ? value : String(value)),
    filter: () => ({
      input: 'datetime-local',
      offers: dateOffers,
      operand: (text) => new Date(text).toISOString(),
    }),
    comparable: (value) => Date.parse(String(value)),
    onCards: true,
  },
  SELECT: { ...choiceType(true), onCards: true },
  MULTI_SELECT: {
    ...choiceType(true),
    format: (value, field) => (value as string[]).map((key) => choiceLabel(field, key)).join(', '),
    filter: () => ({ input: 'choice', offers: ['in', 'notIn', 'contains'] }),
    listValued: true,
    localOrder: false,
    parseDefault: (text) =>
      text
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
  },
  STAGE: choiceType(false),
  EMAIL: {
    ...textType(LinkDisplay),
    comparable: (value) => (typeof value === 'object' ? null : String(value).toLowerCase()),
  },
  PHONE: textType(LinkDisplay),
  URL: { ...textType(LinkDisplay), onCards: false },
  RATING: {
    ...numberType((n) => '★'.repeat(n)),
    display: RatingDisplay,
    cellClass: undefined,
    settings: ['max'],
  },
  DURATION: {
    creatable: true,
    display: TextDisplay,
    editor: DurationEditor,
    format: (value) => formatDuration(Number(value)),
    cellClass: 'number',
    // Whole seconds; unreadable text goes as typed, so the server names the problem.
    filter: () => ({ input: 'text', offers: rangeOffers, operand: (text) => parseDuration(text) ?? text }),
    comparable: (value) => (typeof value === 'number' ? value : parseDuration(String(value))),
    onCards: true,
    parseDefault: (text) => parseDuration(text) ?? text,
  },
  USER: {
    creatable: true,
    display: TextDisplay,
    editor: MemberEditor,
    format: linkedText,
    filter: () => ({ input: 'text', offers: ['isMe', 'isNotMe', 'eq', 'neq'] }),
    localOrder: false,
  },
  RELATION: {
    creatable: true,
    display: RelationDisplay,
    editor: RelationEditor,
    format: linkedText,
    // A many-to-one field is found by the related record's name; to-many ones are not offered.
    filter: (field) =>
      field.settings.relation?.kind === 'MANY_TO_ONE' ? { input: 'text', offers: ['labelContains'] } : null,
    localOrder: false,
  },
  FILE: fileType(),
  IMAGE: fileType(),
};

/** Each entry with its `label` read in the current language whenever it is asked for. */
export const fieldTypeUis = Object.fromEntries(
  (Object.entries(entries) as [FieldType, TypeEntry][]).map(([type, entry]) => [
    type,
    Object.defineProperty({ ...entry }, 'label', { get: () => fieldTypeLabel(type), enumerable: true }),
  ]),
) as Record<FieldType, FieldTypeUi>;

export function uiOf(type: FieldType): FieldTypeUi {
  return fieldTypeUis[type];
}

/** A value as plain text: what a cell shows and what the CSV export writes. */
export function formatValue(field: FieldDef, value: unknown): string {
  return isEmptyValue(value) ? '' : uiOf(field.type).format(value, field);
}

/** A value or operand as the browser compares it (null for no value). */
export function comparableValue(field: FieldDef, value: unknown): number | string | boolean | null {
  if (value === null || value === undefined) return null;
  const comparable = uiOf(field.type).comparable;
  if (comparable) return comparable(value);
  return typeof value === 'object' ? null : String(value);
}

/**
 * The operators the filter builder offers for a field: those its input can express that
 * the server accepts for the field, then the empty checks when the server has them.
 */
export function operatorsFor(field: FieldDef): Operator[] {
  const filter = uiOf(field.type).filter(field);
  if (!filter) return [];
  const accepted = new Set<string>(field.operators);
  // `labelContains` is the relation's `is: {name: {contains}}`, not one of its operators.
  const offered = filter.offers.filter(
    (op) => op === 'labelContains' || accepted.has(op === 'isNotMe' ? 'isMe' : op),
  );
  return accepted.has('isEmpty') ? [...offered, 'isEmpty', 'isNotEmpty'] : offered;
}
