import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, type RequestContext } from '../identity/index.js';
import { loadMetadata, qualified } from '../metadata/index.js';
import { parseId } from '../platform/index.js';
import { pgArrayLiteral } from '../records/index.js';
import { activeObject } from './find.js';

export interface StageVisit {
  field: string;
  stage: string;
  enteredAt: Date;
  leftAt: Date | null;
  /** Until now for the current stage. */
  seconds: number;
  actorId: string | null;
}

/** Every stage a record entered, with when it left and how long it stayed, oldest first. */
export async function stageHistory(
  ctx: RequestContext,
  objectKey: string,
  recordId: string,
): Promise<StageVisit[]> {
  const access = requirePermission(ctx, 'records.read');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = activeObject(metadata, objectKey, ['object']);
  const rows = await ctx.em.execute<
    {
      field_id: string;
      stage: string;
      entered_at: Date;
      left_at: Date | null;
      seconds: string;
      actor_id: string | null;
    }[]
  >(
    `select field_id, stage, entered_at, left_at, extract(epoch from coalesce(left_at, now()) - entered_at) as seconds, actor_id
     from ${qualified(metadata.schema, 'stage_history')} where record_id = ?::uuid and object_id = ?::uuid order by entered_at, id`,
    [parseId(['id'], recordId), object.id],
  );
  return rows.map((row) => ({
    field: object.fields.find((f) => f.id === row.field_id)?.key ?? row.field_id,
    stage: row.stage,
    enteredAt: new Date(row.entered_at),
    leftAt: row.left_at ? new Date(row.left_at) : null,
    seconds: Math.round(Number(row.seconds)),
    actorId: row.actor_id,
  }));
}

/** Total time the record has spent in each stage it visited. */
export async function timeInStage(ctx: RequestContext, objectKey: string, recordId: string) {
  const visits = await stageHistory(ctx, objectKey, recordId);
  const totals = new Map<string, { field: string; stage: string; seconds: number; visits: number }>();
  for (const visit of visits) {
    const key = `${visit.field}:${visit.stage}`;
    const total = totals.get(key) ?? { field: visit.field, stage: visit.stage, seconds: 0, visits: 0 };
    total.seconds += visit.seconds;
    total.visits += 1;
    totals.set(key, total);
  }
  return [...totals.values()];
}

export interface StageMove {
  /** The stage_history row: ids increase with time. */
  id: string;
  fieldId: string;
  stage: string;
  /** The stage left for this one; null when the record entered its first. */
  from: string | null;
  at: Date;
  actorId: string | null;
}

/**
 * One record's stage moves, newest first, a page at a time (the record timeline's source).
 * Access is the caller's to check.
 */
export async function readStageMoves(
  em: EntityManager,
  schema: string,
  range: {
    objectId: string;
    recordId: string;
    fieldIds: readonly string[];
    before: bigint | null;
    limit: number;
  },
): Promise<StageMove[]> {
  const params: unknown[] = [range.recordId, range.objectId, pgArrayLiteral(range.fieldIds)];
  if (range.before !== null) params.push(range.before.toString());
  const rows = await em.execute<
    {
      id: string;
      field_id: string;
      stage: string;
      previous: string | null;
      entered_at: Date;
      actor_id: string | null;
    }[]
  >(
    `select * from (
       select id::text, field_id, stage, entered_at, actor_id,
              lag(stage) over (partition by field_id order by entered_at, id) as previous
       from ${qualified(schema, 'stage_history')} where record_id = ?::uuid and object_id = ?::uuid and field_id = any(?::uuid[])
     ) h ${range.before === null ? '' : 'where h.id::bigint < ?::bigint'}
     order by h.id::bigint desc limit ${Math.trunc(range.limit)}`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    fieldId: row.field_id,
    stage: row.stage,
    from: row.previous,
    at: new Date(row.entered_at),
    actorId: row.actor_id,
  }));
}
