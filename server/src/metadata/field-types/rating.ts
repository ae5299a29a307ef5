import { GraphQLInt } from 'graphql';
import { BadInput } from '../../platform/index.js';
import { fail } from '../field-values.js';
import { numberFrom } from './conversion.js';
import { numberFilter } from './number.js';
import { columnJson, firstValue, rangeOperators, singleColumn, type FieldTypeSpec } from './spec.js';

/** Stars from 1 to the field's `max` (2–10, default 5). */
export const rating: FieldTypeSpec = {
  columns: singleColumn('smallint'),
  toSql: (value, field, path) => {
    const max = field.options.max ?? 5;
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
      fail(path, `must be a whole number from 1 to ${max}`, 'value.rating', { max });
    }
    return [value];
  },
  fromSql: firstValue,
  jsonSql: columnJson,
  operators: rangeOperators,
  searchable: false,
  indexable: true,
  sortable: true,
  parseOptions: (input, path) => {
    const max = input.max ?? 5;
    if (!Number.isInteger(max) || max < 2 || max > 10)
      throw new BadInput([...path, 'max'], 'A rating goes up to 2–10.');
    return { max };
  },
  exportOptions: (o) => (o.max ? { max: o.max } : {}),
  convert: (value, text) => (typeof value === 'number' ? Math.round(value) : numberFrom(text)),
  graphql: () => ({ output: GraphQLInt, input: GraphQLInt, filter: numberFilter }),
};
