import type { FieldDef, ObjectDef } from '../../metadata/index.js';
import { isUuid, statementSource } from '../../platform/index.js';
import type { Reader } from '@crm/contracts';
import type { ListArgs, RecordConnection, RecordContext, RecordRow } from '../api.js';
import { encodeCursor } from '../query/cursor.js';
import { embedRelations } from '../query/embeds.js';
import { compileGetMany, compileList, compileRelated, parentColumn, type ScopeOf } from '../query/list.js';
import { rowDecoder } from '../query/rows.js';
import { searchOver } from '../query/search.js';
import type { Sql } from '../query/sql.js';
import { readPage } from './page.js';
import { execute } from './transaction.js';

/** Reads: a page of a list (keyset), records by id, related records for many parents. */

/** The reader of a filter's relative values (`isMe`, `within`): the actor, now, in their time zone. */
export function readerOf(ctx: RecordContext): Reader {
  return { userId: ctx.actorId, timeZone: ctx.timeZone ?? 'UTC', now: new Date() };
}

/** The caller's read scope per object, when a permission profile narrows it. */
export function readScopeOf(ctx: RecordContext): ScopeOf | undefined {
  const scope = ctx.scope;
  return scope && ((object, alias) => scope.rows(object, 'read', alias));
}

export async function listRecords(
  ctx: RecordContext,
  object: ObjectDef,
  args: ListArgs,
): Promise<RecordConnection> {
  const db = statementSource(ctx);
  const holders = await ctx.scope?.holders(object, 'read', 't', (statement) => execute(db, statement));
  const compiled = compileList(
    ctx.metadata,
    object,
    args,
    ctx.filterLimits,
    readerOf(ctx),
    holders,
    readScopeOf(ctx),
    args.search ? searchOver(object, ctx.scope) : null,
    ctx.statements,
  );
  const embeds = args.embeds?.length && args.page !== false ? args.embeds : null;
  const embed = (page: Sql) =>
    embedRelations(ctx.metadata, page, compiled.keys, embeds!, readScopeOf(ctx), ctx.statements);
  const embedded = embeds && embed(compiled.page);
  const lead =
    compiled.lead && embeds
      ? { ...compiled.lead, statement: embed(compiled.lead.statement).page }
      : compiled.lead;
  const raws =
    args.page === false
      ? []
      : await readPage(
          // A page's sort and limit make its plan depend on its values: each run is planned with them.
          (statement) => execute(db, statement, { prepared: 'custom plans' }),
          embedded ? embedded.page : compiled.page,
          lead,
          compiled.first + 1,
        );
  const hasNextPage = raws.length > compiled.first;
  const size = Math.min(raws.length, compiled.first);
  const { decode, keys } = compiled;
  const nodes = new Array<RecordRow>(size);
  for (let i = 0; i < size; i++) nodes[i] = decode(raws[i]!);
  // Cursors are made only when the query asks for edges or the end cursor.
  const cursorAt = (i: number) => encodeCursor(keys, raws[i]!);
  let edges: RecordConnection['edges'] | undefined;
  let count: Promise<number> | undefined;
  return {
    nodes,
    embedded: embedded ? embedded.read(raws, size) : undefined,
    get edges() {
      edges ??= nodes.map((node, i) => ({ cursor: cursorAt(i), node }));
      return edges;
    },
    pageInfo: {
      hasNextPage,
      get endCursor() {
        return size ? cursorAt(size - 1) : null;
      },
    },
    totalCount: () => {
      // A count's plan cannot stop early, so one generic plan is safe (prepared-statements.ts).
      count ??= execute<{ count: string }>(db, compiled.count, { prepared: 'any plan' }).then(([row]) =>
        Number(row?.count ?? 0),
      );
      return count;
    },
  };
}

export async function getRecords(
  ctx: RecordContext,
  object: ObjectDef,
  ids: readonly string[],
  options: { includeDeleted?: boolean; fields?: ReadonlySet<string> | null } = {},
): Promise<(RecordRow | null)[]> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (!wanted.length) return ids.map(() => null);
  const raws = await execute(
    statementSource(ctx),
    compileGetMany(ctx.metadata, object, wanted, { ...options, scope: readScopeOf(ctx) }),
  );
  const decode = rowDecoder(object, options.fields, ctx.metadata);
  const byId = new Map(raws.map((raw) => [String(raw.id), decode(raw)]));
  return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
}

export async function relatedRecords(
  ctx: RecordContext,
  object: ObjectDef,
  field: FieldDef,
  parentIds: readonly string[],
): Promise<Map<string, RecordRow[]>> {
  const result = new Map<string, RecordRow[]>(parentIds.map((id) => [id, []]));
  const wanted = [...new Set(parentIds.filter(isUuid).map((id) => id.toLowerCase()))];
  if (!wanted.length) return result;
  const { sql, target } = compileRelated(ctx.metadata, object, field, wanted, readScopeOf(ctx));
  const raws = await execute(statementSource(ctx), sql);
  const byLowerId = new Map(parentIds.map((id) => [id.toLowerCase(), id]));
  const decode = rowDecoder(target, null, ctx.metadata);
  for (const raw of raws) {
    const parent = byLowerId.get(String(raw[parentColumn]));
    if (parent !== undefined) result.get(parent)!.push(decode(raw));
  }
  return result;
}
