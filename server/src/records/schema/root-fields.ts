import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  type GraphQLFieldConfigMap,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type GraphQLType,
} from 'graphql';
import { parseId } from '../../platform/index.js';
import { activeFields, type ObjectDef } from '../../metadata/index.js';
import type { RecordRow, RecordUpdate } from '../api.js';
import type { Embed } from '../query/embeds.js';
import {
  assertBatchSize,
  defaultPageSize,
  maxPageSize,
  parseListArgs,
  ownData,
  type ListArguments,
} from './arguments.js';
import { relationOf, type ObjectTypes, type SchemaParts } from './parts.js';
import type { RequestState } from './request-state.js';
import { readsPage, selectedFields, selectedNames } from './selection.js';
import { guardWrite } from './write-guard.js';
import type { RecordsContext } from '../services.js';

type RootFields = GraphQLFieldConfigMap<unknown, RecordsContext>;
type Input = Record<string, unknown>;

const nonNull = <T extends GraphQLType>(type: T) => new GraphQLNonNull(type);
const nonNullList = <T extends GraphQLType>(type: T) => nonNull(new GraphQLList(nonNull(type)));

/** `property(id)` and `properties(filter, sort, first, after, search, includeDeleted)`. */
export function buildQueryFields(types: ObjectTypes, parts: SchemaParts): RootFields {
  const { object, names } = types;
  return {
    [names.query.one]: {
      type: types.record,
      description: `One ${object.labelSingular} by id, null if there is none.`,
      args: { id: { type: nonNull(GraphQLID) } },
      resolve: (_root, args: { id: string }, ctx, info) =>
        parts.requests
          .enter(ctx, 'records.read')
          .recordLoader(object, selectedFields(info, object, types.record.name))
          .load(parseId(['id'], args.id)),
    },
    [names.query.many]: {
      type: nonNull(types.connection),
      description: `A page of ${object.labelPlural}.`,
      args: {
        filter: { type: types.filter },
        sort: { type: new GraphQLList(nonNull(types.sort)), description: 'Fields to order by, in turn.' },
        first: {
          type: GraphQLInt,
          defaultValue: defaultPageSize,
          description: `Page size, 1–${maxPageSize}.`,
        },
        after: { type: GraphQLString, description: 'The endCursor of the previous page.' },
        search: { type: GraphQLString, description: 'Full-text search over the searchable fields.' },
        includeDeleted: { type: GraphQLBoolean, defaultValue: false },
      },
      resolve: async (_root, args: ListArguments, ctx, info) => {
        const state = parts.requests.enter(ctx, 'records.read');
        const listArgs = parseListArgs(args, types, parts, ctx.services.filterLimits);
        // The fields the whole operation reads of this object: the remembered rows answer its later loads.
        listArgs.fields = selectedFields(info, object, types.record.name);
        if (!readsPage(info)) listArgs.page = false;
        else {
          const embeds = embedsOf(info, types, parts);
          if (embeds.length) listArgs.embeds = embeds;
        }
        const connection = await parts.store.list(state.record, object, listArgs);
        for (const related of connection.embedded ?? [])
          state.rememberById(related.target, related.byId, related.fields);
        state.remember(object, connection.nodes, listArgs.fields);
        return connection;
      },
    },
  };
}

/**
 * The to-one relations the operation reads of `types`' records, with the fields it reads of
 * each target: the page's statement reads those records too, and the relation's resolver
 * finds them loaded.
 */
function embedsOf(info: GraphQLResolveInfo, types: ObjectTypes, parts: SchemaParts): Embed[] {
  // Per operation (Apollo keeps parsed documents), typed per schema: a new metadata version
  // builds a new schema and new types.
  let byType = embedsByOperation.get(info.operation);
  if (!byType) embedsByOperation.set(info.operation, (byType = new WeakMap()));
  let embeds = byType.get(types.record);
  if (!embeds) byType.set(types.record, (embeds = findEmbeds(info, types, parts)));
  return embeds;
}

const embedsByOperation = new WeakMap<OperationDefinitionNode, WeakMap<GraphQLObjectType, Embed[]>>();

function findEmbeds(info: GraphQLResolveInfo, types: ObjectTypes, parts: SchemaParts): Embed[] {
  const names = selectedNames(info, types.record.name);
  const embeds: Embed[] = [];
  if (!names.size) return embeds;
  for (const field of activeFields(types.object)) {
    if (!names.has(field.key)) continue;
    const relation = relationOf(field, parts);
    if (relation?.shape !== 'one') continue;
    const { object, record } = relation.target;
    embeds.push({ field, target: object, fields: selectedFields(info, object, record.name) });
  }
  return embeds;
}

interface UpdateArgs {
  id: string;
  input: Input;
  expectedVersion?: number | null;
}

function parseUpdate(args: UpdateArgs, idPath: string[]): RecordUpdate {
  return {
    id: parseId(idPath, args.id),
    patch: ownData(args.input),
    expectedVersion: args.expectedVersion ?? null,
  };
}

/** Runs one write with the write permission and lets later reads in the request see its rows. */
async function write<T extends RecordRow | RecordRow[]>(
  types: ObjectTypes,
  parts: SchemaParts,
  ctx: RecordsContext,
  guard: Parameters<typeof guardWrite>[2],
  run: (state: RequestState, fields: ReadonlySet<string> | null | undefined) => Promise<T>,
  info?: GraphQLResolveInfo,
): Promise<T> {
  const state = parts.requests.enter(ctx, 'records.write');
  // Input rights here; the update/delete scope is checked by the store inside the write.
  guardWrite(state.record, types.object, guard);
  // With `info`, the answer holds what the operation reads of the record, as a page does.
  const fields = info && selectedFields(info, types.object, types.record.name);
  const result = await run(state, fields);
  state.forgetRecords();
  state.remember(types.object, Array.isArray(result) ? result : [result], fields);
  return result;
}

/** The object as the store writes it: with the fields the caller's profile hides from the schema. */
function whole(state: RequestState, object: ObjectDef): ObjectDef {
  return state.record.metadata.objects.find((o) => o.id === object.id) ?? object;
}

/** create, update, delete, restore, and the bulk create and update. */
export function buildMutationFields(types: ObjectTypes, parts: SchemaParts): RootFields {
  const { object, names } = types;
  const { store } = parts;
  const idArg = { id: { type: nonNull(GraphQLID) } };
  const expectedVersion = { type: GraphQLInt, description: 'Refuse the change if the record has moved on.' };
  return {
    [names.mutation.create]: {
      type: nonNull(types.record),
      args: { input: { type: nonNull(types.createInput) } },
      resolve: (_root, args: { input: Input }, ctx, info) =>
        write(
          types,
          parts,
          ctx,
          { action: 'create', inputs: [args.input] },
          (s, fields) => store.create(s.record, whole(s, object), ownData(args.input), { fields }),
          info,
        ),
    },
    [names.mutation.update]: {
      type: nonNull(types.record),
      description: 'Changes only the fields in input; two people editing different fields both win.',
      args: { ...idArg, input: { type: nonNull(types.updateInput) }, expectedVersion },
      resolve: (_root, args: UpdateArgs, ctx, info) =>
        write(
          types,
          parts,
          ctx,
          { action: 'update', inputs: [args.input] },
          (s, fields) => store.update(s.record, whole(s, object), parseUpdate(args, ['id']), { fields }),
          info,
        ),
    },
    [names.mutation.delete]: {
      type: nonNull(types.record),
      description: 'Moves the record to the trash; restore brings it back.',
      args: idArg,
      resolve: (_root, args: { id: string }, ctx) =>
        write(types, parts, ctx, { action: 'delete' }, (s) =>
          store.delete(s.record, whole(s, object), parseId(['id'], args.id)),
        ),
    },
    [names.mutation.restore]: {
      type: nonNull(types.record),
      args: idArg,
      resolve: (_root, args: { id: string }, ctx) =>
        write(types, parts, ctx, { action: 'delete' }, (s) =>
          store.restore(s.record, whole(s, object), parseId(['id'], args.id)),
        ),
    },
    [names.mutation.createMany]: {
      type: nonNullList(types.record),
      args: { inputs: { type: nonNullList(types.createInput) } },
      resolve: (_root, args: { inputs: Input[] }, ctx) =>
        write(types, parts, ctx, { action: 'create', inputs: args.inputs }, (s) => {
          assertBatchSize('inputs', args.inputs);
          return args.inputs.length
            ? store.createMany(s.record, whole(s, object), ownData(args.inputs))
            : Promise.resolve([]);
        }),
    },
    [names.mutation.updateMany]: {
      type: nonNullList(types.record),
      args: { updates: { type: nonNullList(types.bulkUpdate) } },
      resolve: (_root, args: { updates: UpdateArgs[] }, ctx) =>
        write(types, parts, ctx, { action: 'update', inputs: args.updates.map((u) => u.input) }, (s) => {
          assertBatchSize('updates', args.updates);
          const updates = args.updates.map((u, i) => parseUpdate(u, ['updates', String(i), 'id']));
          return updates.length ? store.updateMany(s.record, whole(s, object), updates) : Promise.resolve([]);
        }),
    },
  };
}
