import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, type RequestContext } from '../identity/index.js';
import {
  loadMetadata,
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput, parseId } from '../platform/index.js';
import { guardWrite, type RecordAccessViews, type RecordRow, type RecordStore } from '../records/index.js';
import { activeObject, findStage } from './find.js';

export interface MoveRequest {
  object: string;
  id: string;
  stage: string;
  /** The card that will be above it in the column, and the one below; either may be absent. */
  afterId?: string | null;
  beforeId?: string | null;
  expectedVersion?: number | null;
}

export interface MoveResult {
  record: RecordRow;
  stage: string;
  rank: string;
  /** e.g. the column is over its limit: the move is made and flagged. */
  warnings: string[];
}

interface Card {
  id: string;
  rank: string | null;
}

/** The ranked neighbours the new rank goes between, looked up in the target column. */
async function neighbours(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  field: FieldDef,
  stage: string,
  request: MoveRequest,
): Promise<{ lower: string | null; upper: string | null }> {
  const table = qualified(metadata.schema, object.table);
  const column = quote(field.column!);
  const inColumn = `${column} = ? and deleted_at is null and id <> ?::uuid`;
  await rankUnranked(em, table, inColumn, [stage, request.id]);
  const rankOf = async (id: string | null | undefined, path: string) => {
    if (!id) return undefined;
    const [row] = await em.execute<Card[]>(
      `select id, rank from ${table} where id = ?::uuid and ${inColumn}`,
      [parseId(path, id), stage, request.id],
    );
    if (!row)
      throw new BadInput([path], 'That neighbour is not in the target column (any more); reload the board.');
    return row.rank!;
  };
  const lower = await rankOf(request.afterId, 'afterId');
  const upper = await rankOf(request.beforeId, 'beforeId');
  // With one neighbour given, the other is the next card on that side, so the order holds.
  const next = async (sql: string, params: unknown[]) =>
    (await em.execute<Card[]>(sql, params))[0]?.rank ?? null;
  const resolvedUpper =
    upper ??
    (lower !== undefined
      ? await next(`select rank from ${table} where ${inColumn} and rank > ? order by rank limit 1`, [
          stage,
          request.id,
          lower,
        ])
      : null);
  const resolvedLower =
    lower ??
    (upper !== undefined
      ? await next(`select rank from ${table} where ${inColumn} and rank < ? order by rank desc limit 1`, [
          stage,
          request.id,
          upper,
        ])
      : await next(`select rank from ${table} where ${inColumn} order by rank desc limit 1`, [
          stage,
          request.id,
        ]));
  if (resolvedLower !== null && resolvedUpper !== null && resolvedLower >= resolvedUpper) {
    // Neighbours from a stale board (someone moved them meanwhile): place after the lower one.
    return { lower: resolvedLower, upper: null };
  }
  return { lower: resolvedLower, upper: resolvedUpper };
}

/** Cards that never had a rank get one once, after the ranked ones, in creation order. */
async function rankUnranked(
  em: EntityManager,
  table: string,
  inColumn: string,
  params: unknown[],
): Promise<void> {
  const unranked = await em.execute<Card[]>(
    `select id, rank from ${table} where ${inColumn} and rank is null order by created_at, id for update`,
    params,
  );
  if (!unranked.length) return;
  const [last] = await em.execute<Card[]>(
    `select id, rank from ${table} where ${inColumn} and rank is not null order by rank desc limit 1`,
    params,
  );
  const keys = generateNKeysBetween(last?.rank ?? null, null, unranked.length);
  for (const [i, card] of unranked.entries()) {
    await em.execute(`update ${table} set rank = ? where id = ?::uuid`, [keys[i], card.id]);
  }
}

/**
 * Moves a card: its stage and a fractional rank between its new neighbours, written
 * as one record update (stage rules, history, change log and feed included). Two
 * concurrent moves between the same neighbours get the same rank and are ordered by
 * id, so every client converges on one order and no column is renumbered.
 */
export async function moveRecord(
  ctx: RequestContext,
  store: RecordStore,
  request: MoveRequest,
  recordAccess?: RecordAccessViews,
): Promise<MoveResult> {
  const access = requirePermission(ctx, 'records.write');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = activeObject(metadata, request.object, ['object']);
  const id = parseId(['id'], request.id);
  const { field, stage } = findStage(object, request.stage, ['stage']);
  // A move is an update of the stage: the caller's profile must reach the record and the field.
  const view = await recordAccess?.forCaller(
    access.workspaceId,
    access.caller.user.id,
    access.role,
    metadata,
  );
  const scope = view?.scope ? { scope: view.scope } : {};
  guardWrite({ em: ctx.em, metadata, actorId: access.caller.user.id, ...scope }, object, {
    action: 'update',
    inputs: [{ [field.key]: stage.key }],
  });
  const { lower, upper } = await ctx.em.transactional((em) =>
    neighbours(em, metadata, object, field, stage.key, { ...request, id }),
  );
  const rank = generateKeyBetween(lower, upper);
  // The store checks the record is within the caller's update scope, inside the write.
  const record = await store.update(
    { em: ctx.em, metadata, actorId: access.caller.user.id, ...scope },
    object,
    {
      id,
      patch: { [field.key]: stage.key },
      rank,
      expectedVersion: request.expectedVersion,
    },
  );
  const warnings: string[] = [];
  if (stage.wipLimit !== null) {
    const [row] = await ctx.em.execute<{ n: string }[]>(
      `select count(*) as n from ${qualified(metadata.schema, object.table)} where ${quote(field.column!)} = ? and deleted_at is null`,
      [stage.key],
    );
    const count = Number(row?.n ?? 0);
    if (count > stage.wipLimit)
      warnings.push(`“${stage.label}” has ${count} cards, over its limit of ${stage.wipLimit}.`);
  }
  return { record, stage: stage.key, rank, warnings };
}
