import {
  assertValidSchema,
  GraphQLObjectType,
  GraphQLSchema,
  type GraphQLFieldConfigMap,
  type GraphQLInputObjectType,
} from 'graphql';
import { activeObjects, type ObjectDef, type WorkspaceMetadata } from '../../metadata/index.js';
import type { RecordStore } from '../api.js';
import { buildConnection } from './connection.js';
import { buildFilterInput, buildRelationFilter, buildToManyFilter } from './filter-input.js';
import { findNameConflicts, objectNames, SchemaNameConflictError } from './names.js';
import { buildObjectType } from './object-type.js';
import { fieldsByKey, type ObjectTypes, type SchemaParts } from './parts.js';
import { buildRecordInputs } from './record-inputs.js';
import { RequestStates, type RequestStateOptions } from './request-state.js';
import { buildQueryFields, buildMutationFields } from './root-fields.js';
import { sharedTypes } from './shared-types.js';
import { buildSortInput } from './sort-input.js';
import type { RecordsContext } from '../services.js';

type RootFields = GraphQLFieldConfigMap<unknown, RecordsContext>;

function memoByObject(build: (target: ObjectTypes) => GraphQLInputObjectType) {
  const made = new Map<string, GraphQLInputObjectType>();
  return (target: ObjectTypes) => {
    let type = made.get(target.object.id);
    if (!type) {
      type = build(target);
      made.set(target.object.id, type);
    }
    return type;
  };
}

function buildObjectTypes(object: ObjectDef, parts: SchemaParts): ObjectTypes {
  const names = objectNames(object);
  const record = buildObjectType(object, names, parts);
  return {
    object,
    names,
    fields: fieldsByKey(object),
    record,
    filter: buildFilterInput(object, names, parts),
    ...buildSortInput(object, names, parts.shared),
    connection: buildConnection(names, record, parts.shared),
    ...buildRecordInputs(object, names, parts),
  };
}

/** A root type with the core's fields (and resolvers) followed by the generated ones. */
function mergeRoot(name: string, core: GraphQLObjectType | null | undefined, generated: RootFields) {
  const config = core?.toConfig();
  if (!config && Object.keys(generated).length === 0) return undefined;
  return new GraphQLObjectType({ ...config, name, fields: { ...config?.fields, ...generated } });
}

/**
 * The workspace's schema: the core schema plus, per active object, its record type,
 * inputs, filter, sort, connection, and query and mutation fields. Types are made
 * with thunks, so relations between objects (in any order, to themselves) just work.
 */
export function buildRecordsSchema(
  core: GraphQLSchema,
  metadata: WorkspaceMetadata,
  store: RecordStore,
  options: RequestStateOptions = {},
): GraphQLSchema {
  const objects = activeObjects(metadata);
  const conflicts = findNameConflicts(core, objects);
  if (conflicts.length) throw new SchemaNameConflictError(metadata.workspaceId, conflicts);

  const parts: SchemaParts = {
    shared: sharedTypes(core),
    store,
    requests: new RequestStates(metadata, store, options),
    objects: new Map(),
    relationFilter: memoByObject(buildRelationFilter),
    toManyFilter: memoByObject(buildToManyFilter),
  };
  for (const object of objects) parts.objects.set(object.id, buildObjectTypes(object, parts));

  const queries: RootFields = {};
  const mutations: RootFields = {};
  for (const types of parts.objects.values()) {
    Object.assign(queries, buildQueryFields(types, parts));
    Object.assign(mutations, buildMutationFields(types, parts));
  }

  const coreQuery = core.getQueryType();
  const coreMutation = core.getMutationType();
  const config = core.toConfig();
  const schema = new GraphQLSchema({
    ...config,
    query: mergeRoot('Query', coreQuery, queries),
    mutation: mergeRoot('Mutation', coreMutation, mutations),
    subscription: core.getSubscriptionType(),
    types: config.types.filter((t) => t !== coreQuery && t !== coreMutation),
  });
  // Fails here, at build time, rather than on the workspace's first request.
  assertValidSchema(schema);
  return schema;
}
