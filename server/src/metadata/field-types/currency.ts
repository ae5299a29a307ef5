import {
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
} from 'graphql';
import { expectCurrencyCode, expectNumber, fail, roundTo } from '../field-values.js';
import { numberFrom } from './conversion.js';
import { parsePrecision } from './number.js';
import { rangeOperators, type FieldTypeSpec } from './spec.js';

// One instance for every schema: a GraphQL schema refuses two types of the same name.
const money = new GraphQLObjectType({
  name: 'Money',
  fields: {
    amount: { type: new GraphQLNonNull(GraphQLFloat) },
    currency: { type: new GraphQLNonNull(GraphQLString) },
  },
});

const moneyInput = new GraphQLInputObjectType({
  name: 'MoneyInput',
  fields: {
    amount: { type: new GraphQLNonNull(GraphQLFloat) },
    currency: {
      type: GraphQLString,
      description: "ISO 4217 code; the field's default currency when omitted.",
    },
  },
});

const moneyPattern = /^\s*([A-Za-z]{3})?\s*([-+]?[\d.,\s]+?)\s*([A-Za-z]{3})?\s*$/;

/** An amount and its ISO 4217 code, in two columns. */
// Its own input (NumberFilter's operators and `currency`): the types sharing a filter list the same operators.
const moneyFilter = { name: 'MoneyFilter', operand: GraphQLFloat };

export const currency: FieldTypeSpec = {
  columns: (field) => [
    { name: field.column!, sqlType: 'numeric' },
    { name: `${field.column}_currency`, sqlType: 'char(3)' },
  ],
  toSql: (value, field, path) => {
    const money = value as { amount?: unknown; currency?: unknown };
    if (typeof money !== 'object' || money === null) fail(path, 'must be {amount, currency}', 'value.money');
    const amount = roundTo(expectNumber(money.amount, [...path, 'amount']), field.options.precision ?? 2);
    const code = expectCurrencyCode(money.currency ?? field.options.defaultCurrency ?? 'USD', [
      ...path,
      'currency',
    ]);
    return [amount, code];
  },
  fromSql: ([amount, code]) =>
    amount === null || amount === undefined ? null : { amount: Number(amount), currency: code },
  jsonSql: ([amount, code]) =>
    `case when ${amount} is null then null else jsonb_build_object('amount', ${amount}, 'currency', ${code}) end`,
  // `currency`: the records of one currency, as a money report's cell drills down to.
  operators: [...rangeOperators, 'currency'],
  // A bare number compares the amount; `{amount, currency}` also matches the currency.
  comparand: (operand, field, path) => {
    if (typeof operand !== 'object' || operand === null) {
      return { value: roundTo(expectNumber(operand, path), field.options.precision), also: [] };
    }
    const [amount, code] = currency.toSql(operand, field, path);
    const column = currency.columns(field)[1]!;
    return {
      value: amount,
      also: (operand as { currency?: unknown }).currency === undefined ? [] : [[column, code]],
    };
  },
  searchable: false,
  indexable: true,
  sortable: true,
  parseOptions: (input, path) => ({
    ...parsePrecision(input, path),
    defaultCurrency: expectCurrencyCode(input.defaultCurrency ?? 'USD', [...path, 'defaultCurrency']),
  }),
  exportOptions: (o) => ({
    ...(o.precision !== undefined ? { precision: o.precision } : {}),
    ...(o.defaultCurrency ? { defaultCurrency: o.defaultCurrency } : {}),
  }),
  convert: (value, text, from, to) => {
    if (from.type === 'CURRENCY') return value;
    const match = moneyPattern.exec(text);
    return match
      ? { amount: numberFrom(match[2]!), currency: match[1] ?? match[3] ?? to.options.defaultCurrency }
      : text;
  },
  toText: (value) => {
    const { amount, currency: code } = value as { amount: number; currency: string };
    return `${amount} ${code}`;
  },
  graphql: () => ({ output: money, input: moneyInput, filter: moneyFilter }),
};
