import { relativePeriods, type RelativeRange } from '@crm/contracts';
import { i18n } from '../i18n';
import type { Operator } from './fields/field-type';
import { operatorsFor, uiOf } from './fields/registry';
import type { FieldDef, ObjectDef } from '../metadata';
import { labelFieldOf } from './record-documents';

/**
 * The filter builder's rows and their translation into the records API's filter and
 * sort arguments (docs/api.md "Records API"); also read back from a saved view.
 */
export type { Operator } from './fields/field-type';
export { operatorsFor } from './fields/registry';

export interface Condition {
  field: string;
  op: Operator;
  /** Text as typed; lists as arrays of keys. Unused by isEmpty / isNotEmpty. */
  value: string | string[];
}

export interface SortRule {
  field: string;
  direction: 'ASC' | 'DESC';
}

export type ApiFilter = Record<string, unknown>;

/** Whether every condition must hold (the API's `and`) or any one of them (`or`). */
export type Match = 'all' | 'any';

/** Every operator the builder phrases, in no particular order (a saved view's are checked against it). */
const operators: readonly Operator[] = [
  'contains',
  'startsWith',
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'notIn',
  'isEmpty',
  'isNotEmpty',
  'isMe',
  'isNotMe',
  'within',
  'currency',
  'labelContains',
];

/** An operator as the builder words it in the current language ("is any of", "ist eines von"). */
export function operatorLabel(op: Operator): string {
  return i18n.global.t(`recordsFilters.operators.${op}`);
}

/**
 * A `within` condition's choices as the builder holds them: a period (`TODAY`) or `next:N`,
 * worded in the current language. Saved views keep the API's `{period}` / `{nextDays}`, so
 * "today" stays relative.
 */
export function relativeChoices(): { value: string; label: string }[] {
  const { t } = i18n.global;
  return [
    ...relativePeriods.map((period) => ({ value: period, label: t(`recordsFilters.periods.${period}`) })),
    { value: 'next:7', label: t('recordsFilters.periods.nextDays') },
  ];
}

export function relativeRangeOf(value: string): RelativeRange | null {
  if ((relativePeriods as readonly string[]).includes(value))
    return { period: value as RelativeRange['period'] };
  const days = /^next:(\d+)$/.exec(value);
  return days ? { nextDays: Number(days[1]) } : null;
}

function relativeValueOf(range: unknown): string {
  const { period, nextDays } = (range ?? {}) as RelativeRange;
  return nextDays ? `next:${nextDays}` : (period ?? '');
}

/** The codes a `currency` condition offers: the field's default currency first, then ISO 4217's. */
export function currencyChoices(field: FieldDef): string[] {
  const iso = Intl.supportedValuesOf('currency');
  const first = field.settings.defaultCurrency;
  return first ? [first, ...iso.filter((code) => code !== first)] : iso;
}

/** Operators that take no value: emptiness and "is (not) me". */
export function needsValue(op: Operator): boolean {
  return op !== 'isEmpty' && op !== 'isNotEmpty' && op !== 'isMe' && op !== 'isNotMe';
}

export function filterableFields(object: ObjectDef): FieldDef[] {
  return object.fields.filter((f) => f.filterable && operatorsFor(f).length > 0);
}

function operand(field: FieldDef, text: string): unknown {
  const parse = uiOf(field.type).filter(field)?.operand;
  return parse ? parse(text) : text;
}

function conditionFilter(field: FieldDef, condition: Condition, objects: readonly ObjectDef[]): unknown {
  const { op, value } = condition;
  if (op === 'isEmpty' || op === 'isNotEmpty') return { isEmpty: op === 'isEmpty' };
  if (op === 'isMe' || op === 'isNotMe') return { isMe: op === 'isMe' };
  // The amounts in one currency (also a money report's drill-down): an ISO 4217 code.
  if (op === 'currency') return { currency: String(value).trim().toUpperCase() };
  if (op === 'within') {
    const range = relativeRangeOf(String(value));
    return range ? { within: range } : undefined;
  }
  if (op === 'labelContains') {
    const target = objects.find((o) => o.key === field.settings.relation?.targetObjectKey);
    const label = target && labelFieldOf(target);
    return label ? { is: { [label.key]: { contains: String(value) } } } : undefined;
  }
  const list = Array.isArray(value) ? value : [value];
  if (op === 'in' || op === 'notIn' || (uiOf(field.type).listValued && op === 'contains')) {
    return { [op]: list.map((v) => operand(field, v)) };
  }
  return { [op]: operand(field, Array.isArray(value) ? (value[0] ?? '') : value) };
}

/** A condition is complete when it has a value (or needs none). */
export function isComplete(condition: Condition): boolean {
  if (!needsValue(condition.op)) return true;
  return Array.isArray(condition.value) ? condition.value.length > 0 : condition.value.trim() !== '';
}

/** The conditions joined by `and` (match all) or `or` (match any); incomplete rows are left out, null when none remain. */
export function buildFilter(
  object: ObjectDef,
  conditions: readonly Condition[],
  objects: readonly ObjectDef[],
  match: Match = 'all',
): ApiFilter | null {
  const parts: ApiFilter[] = [];
  for (const condition of conditions) {
    const field = object.fields.find((f) => f.key === condition.field);
    if (!field || !isComplete(condition)) continue;
    const filter = conditionFilter(field, condition, objects);
    if (filter) parts.push({ [field.key]: filter });
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { [match === 'all' ? 'and' : 'or']: parts };
}

function conditionsOfPart(part: ApiFilter): Condition[] {
  const conditions: Condition[] = [];
  for (const [field, ops] of Object.entries(part)) {
    if ((field === 'and' || field === 'or') && Array.isArray(ops)) {
      conditions.push(...(ops as ApiFilter[]).flatMap(conditionsOfPart));
      continue;
    }
    if (!ops || typeof ops !== 'object') continue;
    for (const [op, value] of Object.entries(ops as Record<string, unknown>)) {
      if (op === 'isEmpty') conditions.push({ field, op: value ? 'isEmpty' : 'isNotEmpty', value: '' });
      else if (op === 'isMe') conditions.push({ field, op: value ? 'isMe' : 'isNotMe', value: '' });
      else if (op === 'within') conditions.push({ field, op, value: relativeValueOf(value) });
      else if (op === 'is' && value && typeof value === 'object') {
        const [inner] = Object.values(value as Record<string, { contains?: string }>);
        if (inner?.contains !== undefined)
          conditions.push({ field, op: 'labelContains', value: inner.contains });
      } else if ((operators as readonly string[]).includes(op)) {
        conditions.push({
          field,
          op: op as Operator,
          value: Array.isArray(value) ? value.map(String) : String(value),
        });
      }
    }
  }
  return conditions;
}

/** The builder's rows for a saved view's filter; parts it cannot show are dropped. */
export function conditionsFromFilter(filter: unknown): Condition[] {
  return filter && typeof filter === 'object' ? conditionsOfPart(filter as ApiFilter) : [];
}

/** How a saved view's filter joins its conditions. */
export function matchOfFilter(filter: unknown): Match {
  return filter && typeof filter === 'object' && 'or' in filter ? 'any' : 'all';
}

/** A saved view's sort, as the builder's rows. */
export function sortFromView(sort: unknown): SortRule[] {
  if (!Array.isArray(sort)) return [];
  return sort
    .filter((s): s is { field: string; direction?: string } => typeof s?.field === 'string')
    .map((s) => ({ field: s.field, direction: s.direction === 'DESC' ? 'DESC' : 'ASC' }));
}

/** The fields the records API sorts by, as the server says (`canSort`). */
export function sortableFields(object: ObjectDef): FieldDef[] {
  return object.fields.filter((f) => f.canSort);
}

/** Both filters (`and`), either alone, or null. */
export function andFilters(a: ApiFilter | null, b: ApiFilter | null): ApiFilter | null {
  if (!a || !b) return a ?? b;
  return { and: [a, b] };
}
