import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLNonNull,
  type GraphQLEnumValueConfigMap,
} from 'graphql';
import {
  activeFields,
  type FieldDef,
  type FieldType,
  fieldTypeSpecs,
  type ObjectDef,
} from '../../metadata/index.js';
import type { ObjectNames } from './names.js';
import { describeField } from './parts.js';
import type { SharedTypes } from './shared-types.js';

// An id (user, related record) sorts by a meaningless uuid; the rest sorts when indexable.
const unsortableTypes = new Set<FieldType>(['USER', 'RELATION']);

function isSortable(field: FieldDef): boolean {
  return field.sortable && fieldTypeSpecs[field.type].indexable && !unsortableTypes.has(field.type);
}

/**
 * `PropertySort { field, direction, nulls }` over `PropertySortField`, whose values are
 * the field keys themselves so a client can send `field.key` as a variable unchanged.
 */
export function buildSortInput(object: ObjectDef, names: ObjectNames, shared: SharedTypes) {
  const values: GraphQLEnumValueConfigMap = {};
  for (const field of activeFields(object)) {
    if (isSortable(field)) values[field.key] = { value: field.key, description: describeField(field) };
  }
  const sortField = new GraphQLEnumType({ name: names.types.sortField, values });
  const sort = new GraphQLInputObjectType({
    name: names.types.sort,
    fields: {
      field: { type: new GraphQLNonNull(sortField) },
      direction: { type: shared.sortDirection, defaultValue: 'ASC' },
      nulls: {
        type: shared.nullsOrder,
        description: 'Where empty values go: LAST (the default) or FIRST, in either direction.',
      },
    },
  });
  return { sort, sortField };
}
