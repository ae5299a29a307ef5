import { introspectionTypes, specifiedScalarTypes, type GraphQLSchema } from 'graphql';
import { activeFields, type FieldDef, type ObjectDef, pascalCase } from '../../metadata/index.js';
import { sharedTypes } from './shared-types.js';

/** Every GraphQL name one object generates; the single place these names are spelled. */
export interface ObjectNames {
  types: {
    record: string;
    createInput: string;
    updateInput: string;
    bulkUpdate: string;
    filter: string;
    relationFilter: string;
    toManyFilter: string;
    sort: string;
    sortField: string;
    connection: string;
    edge: string;
  };
  query: { one: string; many: string };
  mutation: {
    create: string;
    update: string;
    delete: string;
    restore: string;
    createMany: string;
    updateMany: string;
  };
}

export function objectNames(object: Pick<ObjectDef, 'key' | 'pluralKey'>): ObjectNames {
  const type = pascalCase(object.key);
  const plural = pascalCase(object.pluralKey);
  return {
    types: {
      record: type,
      createInput: `${type}CreateInput`,
      updateInput: `${type}UpdateInput`,
      bulkUpdate: `${type}BulkUpdate`,
      filter: `${type}Filter`,
      relationFilter: `${type}RelationFilter`,
      toManyFilter: `${type}ToManyFilter`,
      sort: `${type}Sort`,
      sortField: `${type}SortField`,
      connection: `${type}Connection`,
      edge: `${type}Edge`,
    },
    query: { one: object.key, many: object.pluralKey },
    mutation: {
      create: `create${type}`,
      update: `update${type}`,
      delete: `delete${type}`,
      restore: `restore${type}`,
      createMany: `create${plural}`,
      updateMany: `update${plural}`,
    },
  };
}

/** A USER or many-to-one field also exposes the bare id as `<key>Id`. */
export function idAliasOf(field: FieldDef): string | null {
  const refersToOne =
    field.type === 'USER' || (field.type === 'RELATION' && field.options.relationKind === 'MANY_TO_ONE');
  return refersToOne ? `${field.key}Id` : null;
}

/**
 * Names a field key cannot take on a record type, its filter or its sort enum: the
 * fixed record fields, the filter combinators, and what GraphQL refuses as enum values.
 */
export const reservedFieldNames: ReadonlySet<string> = new Set([
  'id',
  'version',
  'deletedAt',
  'and',
  'or',
  'not',
  'true',
  'false',
  'null',
]);

/** Type names no object may generate: the core schema's, GraphQL's own and the shared record types. */
export function reservedTypeNames(core: GraphQLSchema): ReadonlySet<string> {
  return new Set([
    ...Object.keys(core.getTypeMap()),
    ...specifiedScalarTypes.map((t) => t.name),
    ...introspectionTypes.map((t) => t.name),
    ...sharedTypes(core).names,
  ]);
}

/** Root field names taken by the core schema, as `Query.me`, `Mutation.signIn`, … */
function coreRootFieldNames(core: GraphQLSchema): Map<string, string> {
  const taken = new Map<string, string>();
  for (const root of [core.getQueryType(), core.getMutationType(), core.getSubscriptionType()]) {
    for (const name of Object.keys(root?.getFields() ?? {})) {
      taken.set(`${root!.name}.${name}`, 'the core schema');
    }
  }
  return taken;
}

function claim(taken: Map<string, string>, name: string, owner: string, conflicts: string[]): void {
  const holder = taken.get(name);
  if (holder !== undefined) conflicts.push(`"${name}" of ${owner} is already taken by ${holder}`);
  else taken.set(name, owner);
}

function fieldNameConflicts(object: ObjectDef, conflicts: string[]): void {
  const taken = new Map([...reservedFieldNames].map((name) => [name, 'a built-in name'] as const));
  for (const field of activeFields(object)) {
    const owner = `field "${field.key}" of object "${object.key}"`;
    claim(taken, field.key, owner, conflicts);
    const alias = idAliasOf(field);
    if (alias) claim(taken, alias, owner, conflicts);
  }
}

/**
 * Every name clash the objects would cause, as readable sentences; empty when the
 * records half can be built. The metadata service can call it on a prospective state.
 */
export function findNameConflicts(core: GraphQLSchema, objects: readonly ObjectDef[]): string[] {
  const conflicts: string[] = [];
  const shared = new Set(sharedTypes(core).names);
  const types = new Map(
    [...reservedTypeNames(core)].map((name) => [
      name,
      shared.has(name) ? 'a shared record type' : 'the core schema',
    ]),
  );
  const roots = coreRootFieldNames(core);
  for (const object of objects.filter((o) => !o.archivedAt)) {
    const names = objectNames(object);
    const owner = `object "${object.key}"`;
    for (const name of Object.values(names.types)) claim(types, name, owner, conflicts);
    for (const name of Object.values(names.query)) claim(roots, `Query.${name}`, owner, conflicts);
    for (const name of Object.values(names.mutation)) claim(roots, `Mutation.${name}`, owner, conflicts);
    fieldNameConflicts(object, conflicts);
  }
  return conflicts;
}

/** The records half would clash with the core schema or with itself. */
export class SchemaNameConflictError extends Error {
  constructor(
    readonly workspaceId: string,
    readonly conflicts: string[],
  ) {
    super(`Cannot build the records schema of workspace ${workspaceId}: ${conflicts.join('; ')}.`);
    this.name = 'SchemaNameConflictError';
  }
}
