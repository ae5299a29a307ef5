import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
} from 'graphql';
import { activeFields, type FieldDef, fieldTypeSpecs, type ObjectDef } from '../../metadata/index.js';
import { operatorFields } from './field-filters.js';
import type { ObjectNames } from './names.js';
import { describeField, relationOf, type ObjectTypes, type SchemaParts } from './parts.js';

function filterTypeOf(field: FieldDef, parts: SchemaParts): GraphQLInputType | null {
  if (!field.filterable) return null;
  if (field.type !== 'RELATION') return parts.shared.kinds[field.type].filter;
  const relation = relationOf(field, parts);
  if (!relation) return null;
  return relation.shape === 'one'
    ? parts.relationFilter(relation.target)
    : parts.toManyFilter(relation.target);
}

function filterFields(object: ObjectDef, self: GraphQLInputObjectType, parts: SchemaParts) {
  const list = new GraphQLList(new GraphQLNonNull(self));
  const fields: GraphQLInputFieldConfigMap = {
    and: { type: list, description: 'Every one of these matches.' },
    or: { type: list, description: 'At least one of these matches.' },
    not: { type: self, description: 'This does not match.' },
    id: { type: parts.shared.filters.id },
  };
  for (const field of activeFields(object)) {
    const type = filterTypeOf(field, parts);
    if (type) fields[field.key] = { type, description: describeField(field) };
  }
  return fields;
}

/** `PropertyFilter`: and/or/not over a per-type filter for each filterable field. */
export function buildFilterInput(
  object: ObjectDef,
  names: ObjectNames,
  parts: SchemaParts,
): GraphQLInputObjectType {
  const filter: GraphQLInputObjectType = new GraphQLInputObjectType({
    name: names.types.filter,
    fields: () => filterFields(object, filter, parts),
  });
  return filter;
}

/** `PersonRelationFilter`: a many-to-one field by the related id, or by the related record itself. */
export function buildRelationFilter(target: ObjectTypes): GraphQLInputObjectType {
  return new GraphQLInputObjectType({
    name: target.names.types.relationFilter,
    fields: () => ({
      ...operatorFields(GraphQLID, fieldTypeSpecs.RELATION.operators),
      is: { type: target.filter, description: `The related ${target.object.labelSingular} matches.` },
    }),
  });
}

/** `PersonToManyFilter`: a to-many field by whether some or none of the related records match. */
export function buildToManyFilter(target: ObjectTypes): GraphQLInputObjectType {
  const label = target.object.labelPlural;
  return new GraphQLInputObjectType({
    name: target.names.types.toManyFilter,
    fields: () => ({
      some: { type: target.filter, description: `At least one related ${label} record matches.` },
      none: { type: target.filter, description: `No related ${label} record matches.` },
      isEmpty: { type: GraphQLBoolean, description: 'true: has no related records; false: has some.' },
    }),
  });
}
