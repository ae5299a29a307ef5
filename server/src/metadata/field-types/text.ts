import { GraphQLString } from 'graphql';
import { expectEmail, expectPhone, expectString, expectUrl, type Path } from '../field-values.js';
import { exportTextOptions, formatText, parseTextOptions } from './text-format.js';
import {
  columnJson,
  firstValue,
  singleColumn,
  textOperators,
  type FieldTypeSpec,
  type GraphQLShape,
} from './spec.js';

/** A long-text value's limit in characters (UTF-16 code units, as JavaScript and Y.Text count). */
export const maxLongTextLength = 1_000_000;

/** Long text is cut before indexing: a tsvector holds at most 1 MB. */
const maxIndexedLongText = 100_000;

const textShape = (): GraphQLShape => ({
  output: GraphQLString,
  input: GraphQLString,
  filter: { name: 'StringFilter', operand: GraphQLString },
});

function textType(
  maxLength: number,
  normalise: (v: unknown, path: Path) => string,
  searchable = true,
): FieldTypeSpec {
  return {
    columns: singleColumn('text'),
    toSql: (value, _field, path) => [expectString(normalise(value, path), path, maxLength)],
    fromSql: firstValue,
    jsonSql: columnJson,
    operators: textOperators,
    blank: { sql: `''`, value: '' },
    searchable,
    indexable: maxLength <= 10_000,
    sortable: maxLength <= 10_000,
    convert: (_value, text) => text,
    graphql: textShape,
  };
}

const plainText = textType(5_000, (v) => v as string);
export const text: FieldTypeSpec = {
  ...plainText,
  toSql: (value, field, path) => {
    const [stored] = plainText.toSql(value, field, path) as [string];
    return [formatText(stored, field, path)];
  },
  parseOptions: parseTextOptions,
  exportOptions: exportTextOptions,
};
export const longText: FieldTypeSpec = {
  ...textType(maxLongTextLength, (v) => v as string),
  searchText: (expression) => `left(${expression}, ${maxIndexedLongText})`,
};
export const email = textType(254, expectEmail);
export const phone = textType(40, expectPhone);
export const url = textType(2048, expectUrl, false);
