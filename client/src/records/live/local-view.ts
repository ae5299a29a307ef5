import { comparableValue, uiOf } from '../fields/registry';
import type { FieldDef, ObjectDef } from '../../metadata';
import type { RecordData } from '../field-values';
import type { ApiFilter, SortRule } from '../filters';
import { rawValue } from './merge-change';

/**
 * A view's filter and sort evaluated in the browser on a record's values, so a pushed change
 * decides on its own whether a row stays, joins or moves. It answers `null` ("ask the
 * server") for what it cannot decide exactly: a relation's `is` (the related record's
 * fields), an operator it does not know, or a field whose value it lacks.
 */

/** A record's value for a field key (`undefined`: not known here). */
export type ValueOf = (key: string) => unknown;

/** Reads a held record (either shape) as ids and plain values, as filters compare them. */
export function valuesOf(object: ObjectDef, record: Record<string, unknown>): ValueOf {
  return (key) => {
    if (key === 'id') return record.id;
    if (!(key in record)) return undefined;
    return rawValue(
      object.fields.find((f) => f.key === key),
      record[key],
    );
  };
}

/** True or false when the filter can be decided from `value`, else null. */
export function matchesFilter(object: ObjectDef, filter: unknown, value: ValueOf): boolean | null {
  if (filter === null || filter === undefined) return true;
  if (typeof filter !== 'object' || Array.isArray(filter)) return null;
  let result: boolean | null = true;
  for (const [key, operand] of Object.entries(filter as ApiFilter)) {
    const part = matchesPart(object, key, operand, value);
    if (part === false) return false;
    if (part === null) result = null;
  }
  return result;
}

function matchesPart(object: ObjectDef, key: string, operand: unknown, value: ValueOf): boolean | null {
  if (key === 'and' || key === 'or') {
    if (!Array.isArray(operand)) return null;
    const parts = operand.map((f) => matchesFilter(object, f, value));
    if (key === 'and') return parts.includes(false) ? false : parts.includes(null) ? null : true;
    return parts.includes(true) ? true : parts.includes(null) ? null : false;
  }
  if (key === 'not') {
    const inner = matchesFilter(object, operand, value);
    return inner === null ? null : !inner;
  }
  const field = key === 'id' ? idField : object.fields.find((f) => f.key === key);
  const current = value(key);
  if (!field || current === undefined || !operand || typeof operand !== 'object') return null;
  let result: boolean | null = true;
  for (const [op, arg] of Object.entries(operand as Record<string, unknown>)) {
    const part = matchesOperator(field, op, arg, current);
    if (part === false) return false;
    if (part === null) result = null;
  }
  return result;
}

const idField = { key: 'id', type: 'USER' } as FieldDef;

function isEmpty(field: FieldDef, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (uiOf(field.type).blankIsEmpty && value === '') return true;
  return Array.isArray(value) && value.length === 0;
}

/** A comparable form of a value or operand: numbers, instants, text; null when empty. */
const comparable = comparableValue;

function currencyOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? (value as { currency?: string }).currency : undefined;
}

function matchesOperator(field: FieldDef, op: string, arg: unknown, value: unknown): boolean | null {
  if (op === 'isEmpty') return typeof arg === 'boolean' ? isEmpty(field, value) === arg : null;
  if (op === 'currency')
    return typeof arg === 'string' ? !isEmpty(field, value) && currencyOf(value) === arg : null;
  const blankArg = arg === null || (arg === '' && uiOf(field.type).blankIsEmpty === true);
  if (blankArg && (op === 'eq' || op === 'neq')) return isEmpty(field, value) === (op === 'eq');
  if (uiOf(field.type).listValued) return matchesMultiSelect(op, arg, value);
  if (field.type === 'RELATION' && op !== 'eq' && op !== 'neq' && op !== 'in' && op !== 'notIn') return null;
  if (op === 'contains' || op === 'startsWith') {
    if (typeof arg !== 'string') return null;
    if (isEmpty(field, value)) return false;
    const text = String(value).toLocaleLowerCase();
    const wanted = arg.toLocaleLowerCase();
    return op === 'contains' ? text.includes(wanted) : text.startsWith(wanted);
  }
  const mine = comparable(field, value);
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(arg)) return null;
    const found = mine !== null && arg.some((a) => comparable(field, a) === mine);
    return op === 'in' ? found : !found;
  }
  const other = comparable(field, arg);
  if (other === null || (typeof other === 'number' && Number.isNaN(other))) return null;
  const currency = field.type === 'CURRENCY' ? currencyOf(arg) : undefined;
  const sameCurrency = currency === undefined || currencyOf(value) === currency;
  if (op === 'neq') return mine === null || mine !== other || !sameCurrency;
  if (mine === null || !sameCurrency) return false;
  switch (op) {
    case 'eq':
      return mine === other;
    case 'lt':
      return mine < other;
    case 'lte':
      return mine <= other;
    case 'gt':
      return mine > other;
    case 'gte':
      return mine >= other;
    default:
      return null;
  }
}

function matchesMultiSelect(op: string, arg: unknown, value: unknown): boolean | null {
  if (!Array.isArray(arg)) return null;
  const held = Array.isArray(value) ? value : [];
  if (op === 'contains') return arg.every((a) => held.includes(a));
  if (op === 'in') return arg.some((a) => held.includes(a));
  if (op === 'notIn') return !arg.some((a) => held.includes(a));
  return null;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'variant' });

/**
 * The order of two records under `sort` (then id, in the first key's direction, empty values
 * last, as the API sorts), or null when a key cannot be compared here (members, relations).
 */
export function compareBySort(
  object: ObjectDef,
  sort: readonly SortRule[],
  a: RecordData,
  b: RecordData,
): number | null {
  for (const rule of sort) {
    const field = object.fields.find((f) => f.key === rule.field);
    if (!field || uiOf(field.type).localOrder === false) return null;
    const x = comparable(field, a[rule.field]);
    const y = comparable(field, b[rule.field]);
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'string' && typeof y === 'string' ? collator.compare(x, y) : x < y ? -1 : 1;
    if (order !== 0) return rule.direction === 'DESC' ? -order : order;
  }
  const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return sort[0]?.direction === 'DESC' ? -byId : byId;
}

/** Where `record` goes among `rows` (sorted by `sort`), or null when the order is not known here. */
export function sortedIndex(
  object: ObjectDef,
  sort: readonly SortRule[],
  rows: readonly RecordData[],
  record: RecordData,
): number | null {
  for (let i = 0; i < rows.length; i += 1) {
    const order = compareBySort(object, sort, record, rows[i]!);
    if (order === null) return null;
    if (order < 0) return i;
  }
  return rows.length;
}
