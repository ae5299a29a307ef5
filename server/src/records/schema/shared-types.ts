import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLString,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { type FieldType, fieldTypeSpecs } from '../../metadata/index.js';
import { buildFieldFilters, type FieldFilters } from './field-filters.js';

/** How a non-relation field type appears in GraphQL: value, input and filter. */
export interface FieldKind {
  output: GraphQLOutputType;
  input: GraphQLInputType;
  filter: GraphQLInputObjectType;
}

export type ValueFieldType = Exclude<FieldType, 'RELATION'>;

/** Types every object's generated types share, built once per core schema. */
export interface SharedTypes {
  user: GraphQLObjectType;
  dateTime: GraphQLScalarType;
  date: GraphQLScalarType;
  money: GraphQLObjectType;
  moneyInput: GraphQLInputObjectType;
  pageInfo: GraphQLObjectType;
  sortDirection: GraphQLEnumType;
  nullsOrder: GraphQLEnumType;
  filters: FieldFilters;
  kinds: Record<ValueFieldType, FieldKind>;
  /** The names of the types above that this module creates. */
  names: string[];
}

const nonNull = <T extends GraphQLOutputType>(type: T) => new GraphQLNonNull(type);

// LocalDate parses and serialises 'YYYY-MM-DD' strings unchanged (graphql-scalars' Date
// parses to a JS Date at UTC midnight), which is the store's API value for DATE.
const dateScalar = () =>
  new GraphQLScalarType({
    ...LocalDateResolver.toConfig(),
    name: 'Date',
    description: 'A calendar date without time or time zone, as YYYY-MM-DD.',
  });

function fieldKinds(shared: Omit<SharedTypes, 'kinds' | 'names'>): Record<ValueFieldType, FieldKind> {
  const { filters } = shared;
  const text: FieldKind = { output: GraphQLString, input: GraphQLString, filter: filters.string };
  const number: FieldKind = { output: GraphQLFloat, input: GraphQLFloat, filter: filters.number };
  const strings = new GraphQLList(new GraphQLNonNull(GraphQLString));
  return {
    TEXT: text,
    LONG_TEXT: text,
    EMAIL: text,
    PHONE: text,
    URL: text,
    NUMBER: number,
    PERCENT: number,
    CURRENCY: { output: shared.money, input: shared.moneyInput, filter: filters.number },
    BOOLEAN: { output: GraphQLBoolean, input: GraphQLBoolean, filter: filters.boolean },
    DATE: { output: shared.date, input: shared.date, filter: filters.date },
    DATETIME: { output: shared.dateTime, input: shared.dateTime, filter: filters.dateTime },
    SELECT: { output: GraphQLString, input: GraphQLString, filter: filters.select },
    STAGE: { output: GraphQLString, input: GraphQLString, filter: filters.select },
    MULTI_SELECT: { output: nonNull(strings), input: strings, filter: filters.multiSelect },
    RATING: { output: GraphQLInt, input: GraphQLInt, filter: filters.number },
    USER: { output: shared.user, input: GraphQLID, filter: filters.id },
  };
}

/** A shared filter serving a type whose registry operators differ would offer the wrong ones. */
function assertOperatorsMatch(kinds: Record<ValueFieldType, FieldKind>): void {
  for (const [type, kind] of Object.entries(kinds) as [ValueFieldType, FieldKind][]) {
    const offered = Object.keys(kind.filter.getFields()).sort().join();
    const registered = [...fieldTypeSpecs[type].operators].sort().join();
    if (offered !== registered) {
      throw new Error(`${kind.filter.name} offers ${offered} but ${type} has the operators ${registered}.`);
    }
  }
}

function buildSharedTypes(core: GraphQLSchema): SharedTypes {
  const user = core.getType('User');
  if (!isObjectType(user))
    throw new Error('The core schema has no User object type to point USER fields at.');
  const coreDateTime = core.getType('DateTime');
  const dateTime = isScalarType(coreDateTime) ? coreDateTime : DateTimeResolver;
  const date = dateScalar();
  const base = {
    user,
    dateTime,
    date,
    money: new GraphQLObjectType({
      name: 'Money',
      fields: { amount: { type: nonNull(GraphQLFloat) }, currency: { type: nonNull(GraphQLString) } },
    }),
    moneyInput: new GraphQLInputObjectType({
      name: 'MoneyInput',
      fields: {
        amount: { type: new GraphQLNonNull(GraphQLFloat) },
        currency: {
          type: GraphQLString,
          description: "ISO 4217 code; the field's default currency when omitted.",
        },
      },
    }),
    pageInfo: new GraphQLObjectType({
      name: 'PageInfo',
      fields: {
        hasNextPage: { type: nonNull(GraphQLBoolean) },
        endCursor: { type: GraphQLString, description: 'Pass as `after` to get the next page.' },
      },
    }),
    sortDirection: new GraphQLEnumType({ name: 'SortDirection', values: { ASC: {}, DESC: {} } }),
    nullsOrder: new GraphQLEnumType({ name: 'NullsOrder', values: { FIRST: {}, LAST: {} } }),
    filters: buildFieldFilters(date, dateTime),
  };
  const kinds = fieldKinds(base);
  assertOperatorsMatch(kinds);
  const created = [
    base.date,
    base.money,
    base.moneyInput,
    base.pageInfo,
    base.sortDirection,
    base.nullsOrder,
  ];
  const names = [...created, ...Object.values(base.filters)].map((t) => t.name);
  return { ...base, kinds, names };
}

const cache = new WeakMap<GraphQLSchema, SharedTypes>();

/** One set per core schema, so every workspace's schema reuses the same instances. */
export function sharedTypes(core: GraphQLSchema): SharedTypes {
  let shared = cache.get(core);
  if (!shared) {
    shared = buildSharedTypes(core);
    cache.set(core, shared);
  }
  return shared;
}
