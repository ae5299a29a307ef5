import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLScalarType,
} from 'graphql';
import { type FieldType, fieldTypeSpecs, type FilterOperator } from '../../metadata/index.js';

const operatorDescriptions: Record<FilterOperator, string> = {
  eq: 'Equal to.',
  neq: 'Not equal to.',
  in: 'Equal to one of these.',
  notIn: 'Equal to none of these.',
  lt: 'Less than.',
  lte: 'Less than or equal to.',
  gt: 'Greater than.',
  gte: 'Greater than or equal to.',
  contains: 'Contains this text.',
  startsWith: 'Starts with this text.',
  isEmpty: 'true: has no value; false: has a value.',
};

function listOf(type: GraphQLInputType): GraphQLInputType {
  return new GraphQLList(new GraphQLNonNull(type));
}

type OperandOverrides = Partial<Record<FilterOperator, { type: GraphQLInputType; description: string }>>;

/** `{eq, neq, in, …}` for one operand type, with exactly the operators the registry lists. */
export function operatorFields(
  operand: GraphQLInputType,
  operators: readonly FilterOperator[],
  overrides: OperandOverrides = {},
): GraphQLInputFieldConfigMap {
  const fields: GraphQLInputFieldConfigMap = {};
  for (const op of operators) {
    const type =
      op === 'isEmpty' ? GraphQLBoolean : op === 'in' || op === 'notIn' ? listOf(operand) : operand;
    fields[op] = overrides[op] ?? { type, description: operatorDescriptions[op] };
  }
  return fields;
}

function operatorFilter(
  name: string,
  operand: GraphQLInputType,
  type: FieldType,
  overrides?: OperandOverrides,
) {
  return new GraphQLInputObjectType({
    name,
    fields: operatorFields(operand, fieldTypeSpecs[type].operators, overrides),
  });
}

export type FieldFilters = ReturnType<typeof buildFieldFilters>;

/** The per-type filter inputs shared by every object; each takes its operators from one registry type. */
export function buildFieldFilters(date: GraphQLScalarType, dateTime: GraphQLScalarType) {
  return {
    string: operatorFilter('StringFilter', GraphQLString, 'TEXT'),
    number: operatorFilter('NumberFilter', GraphQLFloat, 'NUMBER'),
    date: operatorFilter('DateFilter', date, 'DATE'),
    dateTime: operatorFilter('DateTimeFilter', dateTime, 'DATETIME'),
    boolean: operatorFilter('BooleanFilter', GraphQLBoolean, 'BOOLEAN'),
    select: operatorFilter('SelectFilter', GraphQLString, 'SELECT'),
    multiSelect: operatorFilter('MultiSelectFilter', GraphQLString, 'MULTI_SELECT', {
      contains: { type: listOf(GraphQLString), description: 'Has every one of these options.' },
      in: { type: listOf(GraphQLString), description: 'Has at least one of these options.' },
      notIn: { type: listOf(GraphQLString), description: 'Has none of these options.' },
    }),
    id: operatorFilter('IdFilter', GraphQLID, 'USER'),
  };
}
