import { GraphQLFloat } from 'graphql';
import { BadInput } from '../../platform/index.js';
import { expectNumber, roundTo } from '../field-values.js';
import type { FieldOptions } from '../model.js';
import { numberFrom } from './conversion.js';
import { columnJson, rangeOperators, singleColumn, type FieldTypeSpec, type OptionsInput } from './spec.js';

function numeric(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** NUMBER, PERCENT and CURRENCY: digits after the decimal point, 0–10. */
export function parsePrecision(input: OptionsInput, path: string[]): FieldOptions {
  if (input.precision === undefined || input.precision === null) return {};
  if (!Number.isInteger(input.precision) || input.precision < 0 || input.precision > 10) {
    throw new BadInput([...path, 'precision'], 'Precision is a whole number of decimals from 0 to 10.');
  }
  return { precision: input.precision };
}

/** NUMBER: whether values show thousands separators (12,500); false for years and codes (2018). */
export function parseGrouping(input: OptionsInput, path: string[]): FieldOptions {
  if (input.grouping === undefined || input.grouping === null) return {};
  if (typeof input.grouping !== 'boolean')
    throw new BadInput([...path, 'grouping'], 'Grouping is true or false.');
  return { grouping: input.grouping };
}

/** Whether a field's numbers show thousands separators: all but NUMBER fields set not to. */
export function groupsDigits(field: { type: string; options?: Pick<FieldOptions, 'grouping'> }): boolean {
  return field.type !== 'NUMBER' || field.options?.grouping !== false;
}

export const numberFilter = { name: 'NumberFilter', operand: GraphQLFloat };

const exportPrecision = (o: FieldOptions) => (o.precision !== undefined ? { precision: o.precision } : {});

function numberType(): FieldTypeSpec {
  return {
    columns: singleColumn('numeric'),
    toSql: (value, field, path) => [roundTo(expectNumber(value, path), field.options.precision)],
    fromSql: ([value]) => numeric(value),
    jsonSql: columnJson,
    operators: rangeOperators,
    searchable: false,
    indexable: true,
    sortable: true,
    parseOptions: parsePrecision,
    exportOptions: exportPrecision,
    convert: (value, text) => (typeof value === 'number' ? value : numberFrom(text)),
    graphql: () => ({ output: GraphQLFloat, input: GraphQLFloat, filter: numberFilter }),
  };
}

export const number: FieldTypeSpec = {
  ...numberType(),
  parseOptions: (input, path) => ({ ...parsePrecision(input, path), ...parseGrouping(input, path) }),
  // Only `false` is written: grouped is what a template says by saying nothing.
  exportOptions: (o) => ({ ...exportPrecision(o), ...(o.grouping === false ? { grouping: false } : {}) }),
};
/** A percentage as its number (12.5 is 12.5 %). */
export const percent = numberType();
