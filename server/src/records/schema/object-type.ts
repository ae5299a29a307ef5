import {
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
} from 'graphql';
import { activeFields, type FieldDef, type ObjectDef } from '../../metadata/index.js';
import type { RecordRow } from '../api.js';
import { idAliasOf, type ObjectNames } from './names.js';
import { selectedFields } from './selection.js';
import { describeField, relationOf, type SchemaParts } from './parts.js';
import type { FieldKind } from './shared-types.js';
import type { RecordsContext } from '../services.js';

type RecordField = GraphQLFieldConfig<RecordRow, RecordsContext>;

function idOf(row: RecordRow, key: string): string | null {
  const value = row[key];
  return typeof value === 'string' ? value : null;
}

function userFields(field: FieldDef, parts: SchemaParts): Record<string, RecordField> {
  return {
    [field.key]: {
      type: parts.shared.user,
      description: describeField(field),
      resolve: (row, _args, ctx) => {
        const id = idOf(row, field.key);
        return id ? parts.requests.enter(ctx, 'records.read').users.load(id) : null;
      },
    },
    [idAliasOf(field)!]: { type: GraphQLID, resolve: (row) => idOf(row, field.key) },
  };
}

/** The field's file ids, in order, as their files; a file deleted or of another workspace is left out. */
function filesField(field: FieldDef, kind: FieldKind, parts: SchemaParts): RecordField {
  return {
    type: kind.output,
    description: describeField(field),
    resolve: async (row, _args, ctx) => {
      const ids = row[field.key];
      if (!Array.isArray(ids) || ids.length === 0) return [];
      const files = await parts.requests.enter(ctx, 'records.read').files.loadMany(ids as string[]);
      return files.filter((f) => f && !(f instanceof Error));
    },
  };
}

function relationFields(object: ObjectDef, field: FieldDef, parts: SchemaParts): Record<string, RecordField> {
  const relation = relationOf(field, parts);
  if (!relation) return {};
  const { target, shape } = relation;
  if (shape === 'many') {
    const list: RecordField = {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(target.record))),
      description: describeField(field),
      resolve: (row, _args, ctx) =>
        parts.requests.enter(ctx, 'records.read').relatedLoader(object, field).load(row.id),
    };
    return { [field.key]: list };
  }
  return {
    [field.key]: {
      type: target.record,
      description: describeField(field),
      resolve: (row, _args, ctx, info) => {
        const id = idOf(row, field.key);
        if (!id) return null;
        const fields = selectedFields(info, target.object, target.record.name);
        const state = parts.requests.enter(ctx, 'records.read');
        const known = state.known(target.object, fields, id);
        return known !== undefined ? known : state.recordLoader(target.object, fields).load(id);
      },
    },
    [idAliasOf(field)!]: { type: GraphQLID, resolve: (row) => idOf(row, field.key) },
  };
}

function valueField(field: FieldDef, kind: FieldKind, parts: SchemaParts): RecordField {
  // createdAt and updatedAt are always set by the database.
  const type =
    field.system && field.type === 'DATETIME' ? new GraphQLNonNull(parts.shared.dateTime) : kind.output;
  const config: RecordField = { type, description: describeField(field) };
  const empty = kind.emptyOutput;
  if (empty !== undefined) config.resolve = (row) => row[field.key] ?? empty;
  return config;
}

function recordFields(
  object: ObjectDef,
  parts: SchemaParts,
): GraphQLFieldConfigMap<RecordRow, RecordsContext> {
  const fields: GraphQLFieldConfigMap<RecordRow, RecordsContext> = {
    id: { type: new GraphQLNonNull(GraphQLID) },
    version: {
      type: new GraphQLNonNull(GraphQLInt),
      description: 'Increases with every change; send it back as expectedVersion.',
    },
    deletedAt: {
      type: parts.shared.dateTime,
      description: 'Set while the record is deleted (see includeDeleted).',
    },
  };
  for (const field of activeFields(object)) {
    if (field.type === 'USER') Object.assign(fields, userFields(field, parts));
    else if (field.type === 'RELATION') Object.assign(fields, relationFields(object, field, parts));
    else if (field.type === 'FILE' || field.type === 'IMAGE')
      fields[field.key] = filesField(field, parts.shared.kinds[field.type], parts);
    else fields[field.key] = valueField(field, parts.shared.kinds[field.type], parts);
  }
  return fields;
}

/** `Property`: one record of the object, its relations resolved in batches. */
export function buildObjectType(
  object: ObjectDef,
  names: ObjectNames,
  parts: SchemaParts,
): GraphQLObjectType {
  return new GraphQLObjectType<RecordRow, RecordsContext>({
    name: names.types.record,
    description: object.description ?? object.labelSingular,
    fields: () => recordFields(object, parts),
  });
}
