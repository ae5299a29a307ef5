import {
  GraphQLBoolean,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
} from 'graphql';
import type { FilterOperator, FilterShape } from '../../metadata/index.js';

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
  isMe: 'true: is the reader; false: is not the reader (or empty).',
  within: 'Within a period relative to the moment of reading.',
  currency: 'Money in this currency (ISO 4217 code); empty amounts have none.',
};

function listOf(type: GraphQLInputType): GraphQLInputType {
  return new GraphQLList(new GraphQLNonNull(type));
}

/** `{eq, neq, in, …}` for one operand type, with exactly the operators the registry lists. */
export function operatorFields(
  operand: GraphQLInputType,
  operators: readonly FilterOperator[],
  overrides: FilterShape['overrides'] = {},
): GraphQLInputFieldConfigMap {
  const fields: GraphQLInputFieldConfigMap = {};
  for (const op of operators) {
    const type =
      op === 'isEmpty' || op === 'isMe'
        ? GraphQLBoolean
        : op === 'currency'
          ? GraphQLString
          : op === 'in' || op === 'notIn'
            ? listOf(operand)
            : operand;
    fields[op] = overrides?.[op] ?? { type, description: operatorDescriptions[op] };
  }
  return fields;
}

/** A shared filter input from a type's shape, with exactly the registry's operators for it. */
export function operatorFilter(
  shape: FilterShape,
  operators: readonly FilterOperator[],
): GraphQLInputObjectType {
  return new GraphQLInputObjectType({
    name: shape.name,
    fields: operatorFields(shape.operand, operators, shape.overrides),
  });
}
