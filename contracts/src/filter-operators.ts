/** The records API's filter operators (GraphQL `FilterOperator`), as server and client name them. */
export const filterOperators = [
  'eq',
  'neq',
  'in',
  'notIn',
  'lt',
  'lte',
  'gt',
  'gte',
  'contains',
  'startsWith',
  'isEmpty',
  'isMe',
  'within',
  'currency',
] as const;

export type FilterOperator = (typeof filterOperators)[number];
