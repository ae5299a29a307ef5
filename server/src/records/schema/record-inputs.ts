import {
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
} from 'graphql';
import { activeFields, type FieldDef, type ObjectDef } from '../../metadata/index.js';
import type { ObjectNames } from './names.js';
import { describeField, relationOf, type SchemaParts } from './parts.js';

/** What a client sends for a field: its value, a record id, or a list of ids; null when not writable. */
function inputTypeOf(field: FieldDef, parts: SchemaParts): GraphQLInputType | null {
  if (field.readOnly) return null;
  if (field.type !== 'RELATION') return parts.shared.kinds[field.type].input;
  const relation = relationOf(field, parts);
  if (!relation) return null;
  if (field.options.relationKind === 'MANY_TO_ONE') return GraphQLID;
  // The one-to-many side is the inverse of a many-to-one: it is written from the other record.
  if (field.options.relationKind === 'ONE_TO_MANY') return null;
  return new GraphQLList(new GraphQLNonNull(GraphQLID));
}

function requiredOnCreate(field: FieldDef): boolean {
  return field.required && (field.defaultValue === null || field.defaultValue === undefined);
}

function inputFields(
  object: ObjectDef,
  parts: SchemaParts,
  mode: 'create' | 'update',
): GraphQLInputFieldConfigMap {
  const fields: GraphQLInputFieldConfigMap = {};
  for (const field of activeFields(object)) {
    const type = inputTypeOf(field, parts);
    if (!type) continue;
    const nonNull = mode === 'create' && requiredOnCreate(field);
    fields[field.key] = {
      type: nonNull ? new GraphQLNonNull(type) : type,
      description: describeField(field),
    };
  }
  return fields;
}

/** `PropertyCreateInput`, `PropertyUpdateInput` (every field optional) and `PropertyBulkUpdate`. */
export function buildRecordInputs(object: ObjectDef, names: ObjectNames, parts: SchemaParts) {
  const createInput = new GraphQLInputObjectType({
    name: names.types.createInput,
    fields: () => inputFields(object, parts, 'create'),
  });
  const updateInput = new GraphQLInputObjectType({
    name: names.types.updateInput,
    description: 'Only the fields present change; null clears a field.',
    fields: () => inputFields(object, parts, 'update'),
  });
  const bulkUpdate = new GraphQLInputObjectType({
    name: names.types.bulkUpdate,
    fields: {
      id: { type: new GraphQLNonNull(GraphQLID) },
      input: { type: new GraphQLNonNull(updateInput) },
      expectedVersion: { type: GraphQLInt, description: 'Refuse the change if the record has moved on.' },
    },
  });
  return { createInput, updateInput, bulkUpdate };
}
