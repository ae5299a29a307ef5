import { GraphQLScalarType } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { expectDate, expectDateTime } from '../field-values.js';
import { relativeRangeInput } from './relative.js';
import { dateOperators, firstValue, singleColumn, type FieldTypeSpec } from './spec.js';

// LocalDate parses and serialises 'YYYY-MM-DD' strings unchanged (graphql-scalars' Date
// parses to a JS Date at UTC midnight), which is the store's API value for DATE.
const localDate = LocalDateResolver.toConfig();

/**
 * Dates already found valid (the check is a regular expression and two Date conversions per
 * value, and a page repeats few distinct dates): a known one is answered without it. Bounded.
 */
const validDates = new Set<string>();
const maxValidDates = 10_000;

function checkedDate(check: (value: unknown) => unknown) {
  return (value: unknown): unknown => {
    if (typeof value === 'string' && validDates.has(value)) return value;
    const checked = check(value);
    if (typeof value === 'string' && checked === value) {
      if (validDates.size >= maxValidDates) validDates.clear();
      validDates.add(value);
    }
    return checked;
  };
}

const dateScalar = new GraphQLScalarType({
  ...localDate,
  serialize: checkedDate(localDate.serialize),
  parseValue: checkedDate(localDate.parseValue),
  name: 'Date',
  description: 'A calendar date without time or time zone, as YYYY-MM-DD.',
});

const withinOverride = {
  within: {
    type: relativeRangeInput,
    description: 'Within a period relative to now, in the reader’s time zone: saved as relative.',
  },
};

export const date: FieldTypeSpec = {
  columns: singleColumn('date'),
  toSql: (value, _field, path) => [expectDate(value, path)],
  fromSql: firstValue,
  operators: dateOperators,
  searchable: false,
  indexable: true,
  sortable: true,
  convert: (value, text) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : text.trim().slice(0, 10),
  graphql: () => ({
    output: dateScalar,
    input: dateScalar,
    filter: { name: 'DateFilter', operand: dateScalar, overrides: withinOverride },
  }),
};

export const dateTime: FieldTypeSpec = {
  columns: singleColumn('timestamptz'),
  toSql: (value, _field, path) => [expectDateTime(value, path)],
  fromSql: firstValue,
  operators: dateOperators,
  searchable: false,
  indexable: true,
  sortable: true,
  convert: (value, text) => {
    if (value instanceof Date) return value;
    return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text.trim();
  },
  graphql: (core) => ({
    output: core.dateTime,
    input: core.dateTime,
    filter: { name: 'DateTimeFilter', operand: core.dateTime, overrides: withinOverride },
  }),
};
