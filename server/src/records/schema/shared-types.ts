import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLNonNull,
  GraphQLEnumType,
  GraphQLObjectType,
  GraphQLString,
  getNamedType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { fieldTypes, idOperators, specOf, type CoreTypes, type FieldType } from '../../metadata/index.js';
import { operatorFilter } from './field-filters.js';

/** How a non-relation field type appears in GraphQL: value, input and filter. */
export interface FieldKind {
  output: GraphQLOutputType;
  input: GraphQLInputType;
  filter: GraphQLInputObjectType;
  /** Served for no value when `output` is non-null. */
  emptyOutput?: unknown;
}

export type ValueFieldType = Exclude<FieldType, 'RELATION'>;

/** Types every object's generated types share, built once per core schema. */
export interface SharedTypes {
  user: GraphQLObjectType;
  dateTime: GraphQLScalarType;
  pageInfo: GraphQLObjectType;
  sortDirection: GraphQLEnumType;
  nullsOrder: GraphQLEnumType;
  /** The filter of record ids (`id`). */
  idFilter: GraphQLInputObjectType;
  kinds: Record<ValueFieldType, FieldKind>;
  /** The names of the types above and of the field types' own types, which this schema adds. */
  names: string[];
}

const nonNull = <T extends GraphQLOutputType>(type: T) => new GraphQLNonNull(type);

/** Each registry type's GraphQL shape; types sharing a filter input must list the same operators. */
function fieldKinds(core: CoreTypes): Record<ValueFieldType, FieldKind> {
  const filters = new Map<string, GraphQLInputObjectType>();
  const kinds: Partial<Record<FieldType, FieldKind>> = {};
  for (const type of fieldTypes) {
    const spec = specOf(type);
    const shape = spec.graphql?.(core);
    if (!shape) continue;
    let filter = filters.get(shape.filter.name);
    if (!filter) {
      filter = operatorFilter(shape.filter, spec.operators);
      filters.set(shape.filter.name, filter);
    }
    const offered = Object.keys(filter.getFields()).sort().join();
    const registered = [...spec.operators].sort().join();
    if (offered !== registered) {
      throw new Error(`${filter.name} offers ${offered} but ${type} has the operators ${registered}.`);
    }
    kinds[type] = { output: shape.output, input: shape.input, filter, emptyOutput: shape.emptyOutput };
  }
  return kinds as Record<ValueFieldType, FieldKind>;
}

/** Named types the field kinds bring that the core schema does not already hold. */
function addedTypes(core: GraphQLSchema, kinds: Record<ValueFieldType, FieldKind>): GraphQLNamedType[] {
  const added = new Map<string, GraphQLNamedType>();
  for (const kind of Object.values(kinds)) {
    for (const type of [kind.output, kind.input, kind.filter].map((t) => getNamedType(t))) {
      if (!isSpecifiedScalarType(type) && core.getType(type.name) !== type) added.set(type.name, type);
    }
  }
  return [...added.values()];
}

function buildSharedTypes(core: GraphQLSchema): SharedTypes {
  const user = core.getType('User');
  if (!isObjectType(user))
    throw new Error('The core schema has no User object type to point USER fields at.');
  const coreDateTime = core.getType('DateTime');
  const dateTime = isScalarType(coreDateTime) ? coreDateTime : DateTimeResolver;
  const file = core.getType('FileRef');
  if (!isObjectType(file))
    throw new Error('The core schema has no FileRef object type to point FILE and IMAGE fields at.');
  const kinds = fieldKinds({ user, file, dateTime });
  const base = {
    user,
    dateTime,
    pageInfo: new GraphQLObjectType({
      name: 'PageInfo',
      fields: {
        hasNextPage: { type: nonNull(GraphQLBoolean) },
        endCursor: { type: GraphQLString, description: 'Pass as `after` to get the next page.' },
      },
    }),
    sortDirection: new GraphQLEnumType({ name: 'SortDirection', values: { ASC: {}, DESC: {} } }),
    nullsOrder: new GraphQLEnumType({ name: 'NullsOrder', values: { FIRST: {}, LAST: {} } }),
  };
  const idFilter = operatorFilter({ name: 'IdFilter', operand: GraphQLID }, idOperators);
  const created = [base.pageInfo, base.sortDirection, base.nullsOrder, idFilter, ...addedTypes(core, kinds)];
  return { ...base, idFilter, kinds, names: created.map((t) => t.name) };
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
