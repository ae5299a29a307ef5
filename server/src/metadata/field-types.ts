import {
  expectCurrencyCode,
  expectDate,
  expectDateTime,
  expectEmail,
  expectNumber,
  expectPhone,
  expectString,
  expectUrl,
  expectUuid,
  fail,
  roundTo,
  type Path,
} from './field-values.js';
import type { FieldDef, FieldType } from './model.js';

export type FilterOperator =
  'eq' | 'neq' | 'in' | 'notIn' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'startsWith' | 'isEmpty';

export interface Column {
  name: string;
  sqlType: string;
}

/**
 * The one definition of each field type on the server: its columns, how an API value
 * becomes a SQL value (validated, coerced) and back, and which filters it offers.
 * The GraphQL side (records/graphql-types.ts) is keyed by the same FieldType.
 */
export interface FieldTypeSpec {
  columns(field: FieldDef): Column[];
  /** API value (never null here) → one SQL value per column. */
  toSql(value: unknown, field: FieldDef, path: Path): unknown[];
  /** The row's values of this field's columns → API value. */
  fromSql(values: unknown[], field: FieldDef): unknown;
  operators: readonly FilterOperator[];
  /** Included in full-text search. */
  searchable: boolean;
  /** Can carry a b-tree index, a unique constraint, a sort. */
  indexable: boolean;
}

/** A long-text value's limit in characters (UTF-16 code units, as JavaScript and Y.Text count). */
export const maxLongTextLength = 1_000_000;

const textOps = ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty'] as const;
const rangeOps = ['eq', 'neq', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isEmpty'] as const;
const choiceOps = ['eq', 'neq', 'in', 'notIn', 'isEmpty'] as const;

function single(sqlType: string): FieldTypeSpec['columns'] {
  return (field) => [{ name: field.column!, sqlType }];
}

function textType(
  maxLength: number,
  normalise: (v: unknown, path: Path) => string,
  searchable = true,
): FieldTypeSpec {
  return {
    columns: single('text'),
    toSql: (value, _field, path) => [normalise(value, path)].map((v) => expectString(v, path, maxLength)),
    fromSql: ([value]) => value,
    operators: textOps,
    searchable,
    indexable: maxLength <= 10_000,
  };
}

function numeric(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function numberType(): FieldTypeSpec {
  return {
    columns: single('numeric'),
    toSql: (value, field, path) => [roundTo(expectNumber(value, path), field.options.precision)],
    fromSql: ([value]) => numeric(value),
    operators: rangeOps,
    searchable: false,
    indexable: true,
  };
}

function choiceKeys(field: FieldDef): Set<string> {
  return new Set((field.options.choices ?? []).map((c) => c.key));
}

function expectChoice(value: unknown, field: FieldDef, path: Path): string {
  if (typeof value !== 'string' || !choiceKeys(field).has(value)) {
    fail(path, `must be one of ${[...choiceKeys(field)].join(', ') || '(no options defined)'}`);
  }
  return value;
}

export const fieldTypeSpecs: Record<FieldType, FieldTypeSpec> = {
  TEXT: textType(5_000, (v) => v as string),
  LONG_TEXT: { ...textType(maxLongTextLength, (v) => v as string), indexable: false },
  EMAIL: textType(254, expectEmail),
  PHONE: textType(40, expectPhone),
  URL: textType(2048, expectUrl, false),
  NUMBER: numberType(),
  PERCENT: numberType(),
  CURRENCY: {
    columns: (field) => [
      { name: field.column!, sqlType: 'numeric' },
      { name: `${field.column}_currency`, sqlType: 'char(3)' },
    ],
    toSql: (value, field, path) => {
      const money = value as { amount?: unknown; currency?: unknown };
      if (typeof money !== 'object' || money === null) fail(path, 'must be {amount, currency}');
      const amount = roundTo(expectNumber(money.amount, [...path, 'amount']), field.options.precision ?? 2);
      const currency = expectCurrencyCode(money.currency ?? field.options.defaultCurrency ?? 'USD', [
        ...path,
        'currency',
      ]);
      return [amount, currency];
    },
    fromSql: ([amount, currency]) =>
      amount === null || amount === undefined ? null : { amount: Number(amount), currency },
    operators: rangeOps,
    searchable: false,
    indexable: true,
  },
  BOOLEAN: {
    columns: single('boolean'),
    toSql: (value, _field, path) => {
      if (typeof value !== 'boolean') fail(path, 'must be true or false');
      return [value];
    },
    fromSql: ([value]) => value,
    operators: ['eq', 'neq', 'isEmpty'],
    searchable: false,
    indexable: true,
  },
  DATE: {
    columns: single('date'),
    toSql: (value, _field, path) => [expectDate(value, path)],
    fromSql: ([value]) => value,
    operators: rangeOps,
    searchable: false,
    indexable: true,
  },
  DATETIME: {
    columns: single('timestamptz'),
    toSql: (value, _field, path) => [expectDateTime(value, path)],
    fromSql: ([value]) => value,
    operators: rangeOps,
    searchable: false,
    indexable: true,
  },
  SELECT: {
    columns: single('text'),
    toSql: (value, field, path) => [expectChoice(value, field, path)],
    fromSql: ([value]) => value,
    operators: choiceOps,
    searchable: false,
    indexable: true,
  },
  STAGE: {
    columns: single('text'),
    toSql: (value, field, path) => [expectChoice(value, field, path)],
    fromSql: ([value]) => value,
    operators: choiceOps,
    searchable: false,
    indexable: true,
  },
  MULTI_SELECT: {
    columns: single('text[]'),
    toSql: (value, field, path) => {
      if (!Array.isArray(value)) fail(path, 'must be a list of option keys');
      const keys = value.map((v, i) => expectChoice(v, field, [...path, String(i)]));
      return [[...new Set(keys)]];
    },
    fromSql: ([value]) => value ?? [],
    operators: ['contains', 'in', 'notIn', 'isEmpty'],
    searchable: false,
    indexable: false,
  },
  RATING: {
    columns: single('smallint'),
    toSql: (value, field, path) => {
      const max = field.options.max ?? 5;
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
        fail(path, `must be a whole number from 1 to ${max}`);
      }
      return [value];
    },
    fromSql: ([value]) => value,
    operators: rangeOps,
    searchable: false,
    indexable: true,
  },
  USER: {
    columns: single('uuid'),
    toSql: (value, _field, path) => [expectUuid(value, path)],
    fromSql: ([value]) => value,
    operators: choiceOps,
    searchable: false,
    indexable: true,
  },
  RELATION: {
    columns: (field) =>
      field.options.relationKind === 'MANY_TO_ONE' ? [{ name: field.column!, sqlType: 'uuid' }] : [],
    toSql: (value, field, path) => {
      if (field.options.relationKind === 'MANY_TO_ONE') return [expectUuid(value, path)];
      if (!Array.isArray(value)) fail(path, 'must be a list of record ids');
      return [[...new Set(value.map((v, i) => expectUuid(v, [...path, String(i)])))]];
    },
    fromSql: ([value]) => value,
    operators: choiceOps,
    searchable: false,
    indexable: true,
  },
};

/**
 * Converts an API value for `field` to SQL values, null for each column when empty.
 * Blank text is empty too, as the isEmpty filter sees it: a required field refuses it
 * and a unique one does not count it as a value.
 */
export function valueToSql(field: FieldDef, value: unknown, path: Path): unknown[] {
  const spec = fieldTypeSpecs[field.type];
  const columns = spec.columns(field);
  const empty = value === null || value === undefined || value === '';
  if (empty) return columns.map(() => null);
  return spec.toSql(value, field, path);
}
