import { GraphQLBoolean } from 'graphql';
import { fail } from '../field-values.js';
import { columnJson, firstValue, singleColumn, type FieldTypeSpec } from './spec.js';

export const boolean: FieldTypeSpec = {
  columns: singleColumn('boolean'),
  toSql: (value, _field, path) => {
    if (typeof value !== 'boolean') fail(path, 'must be true or false', 'value.boolean');
    return [value];
  },
  fromSql: firstValue,
  jsonSql: columnJson,
  operators: ['eq', 'neq', 'isEmpty'],
  searchable: false,
  indexable: true,
  sortable: true,
  convert: (value, text) => {
    if (typeof value === 'boolean') return value;
    if (/^(true|yes|y|1|on)$/i.test(text.trim())) return true;
    if (/^(false|no|n|0|off)$/i.test(text.trim())) return false;
    return text;
  },
  graphql: () => ({
    output: GraphQLBoolean,
    input: GraphQLBoolean,
    filter: { name: 'BooleanFilter', operand: GraphQLBoolean },
  }),
};
