import type { GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCoreSchema } from '../../app/index.js';
import type { ObjectDef } from '../../metadata/index.js';
import { createEventBus } from '../../platform/index.js';
import { buildRecordsSchema } from './build.js';
import { findNameConflicts, objectNames, reservedTypeNames, SchemaNameConflictError } from './names.js';
import { field, FakeRecordStore, object, realEstateMetadata, workspaceId } from './test-fixtures.testing.js';

let core: GraphQLSchema;

beforeAll(async () => {
  core = await buildCoreSchema(createEventBus().bus);
});

const objectId = (n: number) => `50000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const plainObject = (
  n: number,
  key: string,
  pluralKey: string,
  fields = [field(objectId(n), 'name', 'TEXT')],
) => object(objectId(n), key, pluralKey, fields);

function build(objects: ObjectDef[]) {
  const metadata = { workspaceId, version: 1, schema: 's', objects };
  return buildRecordsSchema(core, metadata, new FakeRecordStore(metadata));
}

describe('objectNames', () => {
  it('spells every generated name from the key and plural key', () => {
    expect(objectNames({ key: 'property', pluralKey: 'properties' })).toEqual({
      types: {
        record: 'Property',
        createInput: 'PropertyCreateInput',
        updateInput: 'PropertyUpdateInput',
        bulkUpdate: 'PropertyBulkUpdate',
        filter: 'PropertyFilter',
        relationFilter: 'PropertyRelationFilter',
        toManyFilter: 'PropertyToManyFilter',
        sort: 'PropertySort',
        sortField: 'PropertySortField',
        connection: 'PropertyConnection',
        edge: 'PropertyEdge',
      },
      query: { one: 'property', many: 'properties' },
      mutation: {
        create: 'createProperty',
        update: 'updateProperty',
        delete: 'deleteProperty',
        restore: 'restoreProperty',
        createMany: 'createProperties',
        updateMany: 'updateProperties',
      },
    });
  });
});

describe('reservedTypeNames', () => {
  it('holds the core types, GraphQL’s own and the shared record types', () => {
    const reserved = reservedTypeNames(core);
    for (const name of [
      'User',
      'Workspace',
      'Member',
      'Me',
      'Query',
      'Mutation',
      'DateTime',
      'Int',
      'ID',
      '__Type',
    ]) {
      expect(reserved.has(name), name).toBe(true);
    }
    for (const name of [
      'Date',
      'Money',
      'MoneyInput',
      'PageInfo',
      'SortDirection',
      'NullsOrder',
      'StringFilter',
      'IdFilter',
    ]) {
      expect(reserved.has(name), name).toBe(true);
    }
    expect(reserved.has('Property')).toBe(false);
  });
});

describe('findNameConflicts', () => {
  it('finds none in a sound workspace', () => {
    expect(findNameConflicts(core, realEstateMetadata().objects)).toEqual([]);
  });

  it('finds clashes with the core schema', () => {
    expect(findNameConflicts(core, [plainObject(1, 'member', 'crew')])).toEqual([
      '"Member" of object "member" is already taken by the core schema',
    ]);
    expect(findNameConflicts(core, [plainObject(1, 'teammate', 'members')])).toEqual([
      '"Query.members" of object "teammate" is already taken by the core schema',
    ]);
    expect(findNameConflicts(core, [plainObject(1, 'money', 'monies')])).toContain(
      '"Money" of object "money" is already taken by a shared record type',
    );
  });

  it('finds clashes between objects, and ignores archived ones', () => {
    const conflicts = findNameConflicts(core, [
      plainObject(1, 'property', 'properties'),
      plainObject(2, 'propertyEdge', 'propertyEdges'),
    ]);
    expect(conflicts).toEqual([
      '"PropertyEdge" of object "propertyEdge" is already taken by object "property"',
    ]);
    const archived = { ...plainObject(2, 'propertyEdge', 'propertyEdges'), archivedAt: new Date() };
    expect(findNameConflicts(core, [plainObject(1, 'property', 'properties'), archived])).toEqual([]);
    expect(findNameConflicts(core, [plainObject(1, 'sheep', 'sheep')])).toContain(
      '"Query.sheep" of object "sheep" is already taken by object "sheep"',
    );
  });

  it('finds field keys that clash with generated or built-in field names', () => {
    const id = objectId(1);
    const seller = field(id, 'seller', 'RELATION', {
      options: { targetObjectId: id, relationKind: 'MANY_TO_ONE' },
    });
    const fields = [
      seller,
      field(id, 'sellerId', 'TEXT'),
      field(id, 'not', 'BOOLEAN'),
      field(id, 'null', 'TEXT'),
    ];
    expect(findNameConflicts(core, [plainObject(1, 'deal', 'deals', fields)])).toEqual([
      '"sellerId" of field "sellerId" of object "deal" is already taken by field "seller" of object "deal"',
      '"not" of field "not" of object "deal" is already taken by a built-in name',
      '"null" of field "null" of object "deal" is already taken by a built-in name',
    ]);
  });
});

describe('buildRecordsSchema refuses clashes', () => {
  it('throws one clear error naming every clash', () => {
    const attempt = () =>
      build([plainObject(1, 'user', 'people'), plainObject(2, 'workspace', 'workspaces')]);
    expect(attempt).toThrow(SchemaNameConflictError);
    expect(attempt).toThrow(
      `Cannot build the records schema of workspace ${workspaceId}: ` +
        '"User" of object "user" is already taken by the core schema; ' +
        '"UserFilter" of object "user" is already taken by a shared record type; ' +
        '"Workspace" of object "workspace" is already taken by the core schema; ' +
        '"Query.workspace" of object "workspace" is already taken by the core schema; ' +
        '"Mutation.createWorkspace" of object "workspace" is already taken by the core schema; ' +
        '"Mutation.updateWorkspace" of object "workspace" is already taken by the core schema; ' +
        '"Mutation.deleteWorkspace" of object "workspace" is already taken by the core schema.',
    );
  });

  it('builds a schema with no objects at all that is the core', () => {
    const schema = build([]);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(
      Object.keys(core.getQueryType()!.getFields()),
    );
  });
});
