import type { GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType } from 'graphql';
import { activeFields, type FieldDef, type ObjectDef } from '../../metadata/index.js';
import type { RecordStore } from '../api.js';
import type { ObjectNames } from './names.js';
import type { RequestStates } from './request-state.js';
import type { SharedTypes } from './shared-types.js';

/** The generated types of one object. */
export interface ObjectTypes {
  object: ObjectDef;
  names: ObjectNames;
  /** Active fields by key, system fields included. */
  fields: Map<string, FieldDef>;
  record: GraphQLObjectType;
  filter: GraphQLInputObjectType;
  sort: GraphQLInputObjectType;
  sortField: GraphQLEnumType;
  connection: GraphQLObjectType;
  createInput: GraphQLInputObjectType;
  updateInput: GraphQLInputObjectType;
  bulkUpdate: GraphQLInputObjectType;
}

/** What the per-kind builders share while one workspace's schema is built. */
export interface SchemaParts {
  shared: SharedTypes;
  store: RecordStore;
  requests: RequestStates;
  /** Active objects by id; filled before any thunk runs. */
  objects: Map<string, ObjectTypes>;
  /** `<Target>RelationFilter` and `<Target>ToManyFilter`, made when first referenced. */
  relationFilter(target: ObjectTypes): GraphQLInputObjectType;
  toManyFilter(target: ObjectTypes): GraphQLInputObjectType;
}

export function fieldsByKey(object: ObjectDef): Map<string, FieldDef> {
  return new Map(activeFields(object).map((f) => [f.key, f]));
}

export type RelationShape = 'one' | 'many';

/** A relation field's live target and whether it holds one record or a list; null when the target is gone. */
export function relationOf(
  field: FieldDef,
  parts: SchemaParts,
): { target: ObjectTypes; shape: RelationShape } | null {
  if (field.type !== 'RELATION' || !field.options.targetObjectId) return null;
  const target = parts.objects.get(field.options.targetObjectId);
  if (!target) return null;
  return { target, shape: field.options.relationKind === 'MANY_TO_ONE' ? 'one' : 'many' };
}

export function describeField(field: FieldDef): string {
  const base = field.helpText ? `${field.label}: ${field.helpText}` : field.label;
  const choices = field.options.choices;
  if (
    (field.type === 'SELECT' || field.type === 'MULTI_SELECT' || field.type === 'STAGE') &&
    choices?.length
  ) {
    const keys = [...choices].sort((a, b) => a.position - b.position).map((c) => c.key);
    return `${base} (options: ${keys.join(', ')})`;
  }
  return base;
}
