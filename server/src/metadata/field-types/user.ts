import { GraphQLID } from 'graphql';
import { expectUuid } from '../field-values.js';
import { firstValue, userOperators, singleColumn, type FieldTypeSpec } from './spec.js';

/** A workspace member, by user id; the schema builder adds the resolved user beside the id. */
export const user: FieldTypeSpec = {
  columns: singleColumn('uuid'),
  toSql: (value, _field, path) => [expectUuid(value, path)],
  fromSql: firstValue,
  operators: userOperators,
  searchable: false,
  indexable: true,
  // Sorting by a uuid means nothing to a person.
  sortable: false,
  references: () => 'public.app_user (id) on delete set null',
  graphql: (core) => ({
    output: core.user,
    input: GraphQLID,
    filter: { name: 'UserFilter', operand: GraphQLID },
  }),
};
