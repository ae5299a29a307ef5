import { recordAudit, type AuditActor } from '../audit/index.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { activeFields, type FieldDef, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { BadInput, NotFound, queryRows } from '../platform/index.js';
import { writeTogether, type RecordRow, type SqlRecordStore } from '../records/index.js';
import {
  movePointers,
  restoreLists,
  restorePointers,
  rewriteLists,
  type MovedPointer,
  type RewrittenList,
} from './relations.js';
import { moveThreads, restoreThreads, type MovedThreads } from './threads.js';

/**
 * Merging records into a survivor in one transaction, through the record store: every
 * relation at a merged record is re-pointed (each a logged, pushed change), comments and
 * followers move, the survivor takes the chosen values, the merged records are deleted
 * (soft: their rows and history stay), and a `record_merge` row keeps the audit entry
 * with what undoing needs.
 */

export interface MergeRequest {
  survivorId: string;
  mergedIds: string[];
  /** Field key → the record (survivor or merged) whose value the survivor keeps. */
  choices: Record<string, string>;
}

export interface MergeWriter {
  em: EntityManager;
  metadata: WorkspaceMetadata;
  actorId: string;
  store: SqlRecordStore;
  /** The request's actor and address, for the audit log. */
  by?: AuditActor;
}

/** What undoing a merge needs; stored as JSON on the merge row. */
interface MergeUndo {
  survivorBefore: Record<string, unknown>;
  /** Unique values taken from a merged record, emptied there first (its row keeps them otherwise). */
  cleared: { recordId: string; patch: Record<string, unknown> }[];
  pointers: MovedPointer[];
  lists: RewrittenList[];
  threads: MovedThreads;
}

export interface MergeRow {
  id: string;
  objectId: string;
  survivorId: string;
  mergedIds: string[];
  actorId: string | null;
  createdAt: Date;
  undoneAt: Date | null;
}

/** The fields a merge chooses values for: the object's own stored, writable fields. */
export function mergeableFields(object: ObjectDef): FieldDef[] {
  return activeFields(object).filter(
    (f) =>
      !f.system &&
      !f.readOnly &&
      f.column &&
      !(f.type === 'RELATION' && f.options.relationKind !== 'MANY_TO_ONE'),
  );
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** The survivor's patch: each chosen value, and where nothing was chosen, the survivor's or the first merged record's. */
function chosenPatch(
  object: ObjectDef,
  rows: Map<string, RecordRow>,
  request: MergeRequest,
  fields: readonly FieldDef[],
): { patch: Record<string, unknown>; from: Map<string, string> } {
  for (const [key, recordId] of Object.entries(request.choices)) {
    if (!fields.some((f) => f.key === key))
      throw new BadInput(['input', 'values', key], `No field “${key}” to choose on ${object.key}.`);
    if (!rows.has(recordId))
      throw new BadInput(['input', 'values', key], `${recordId} is not one of the records merged.`);
  }
  const survivor = rows.get(request.survivorId)!;
  const patch: Record<string, unknown> = {};
  const from = new Map<string, string>();
  for (const field of fields) {
    const chosen =
      request.choices[field.key] ??
      (isEmpty(survivor[field.key])
        ? request.mergedIds.find((id) => !isEmpty(rows.get(id)![field.key]))
        : undefined);
    if (!chosen || chosen === request.survivorId) continue;
    const value = rows.get(chosen)![field.key];
    if (JSON.stringify(value) === JSON.stringify(survivor[field.key])) continue;
    patch[field.key] = value ?? null;
    from.set(field.key, chosen);
  }
  return { patch, from };
}

function checkRequest(request: MergeRequest): void {
  if (!request.mergedIds.length)
    throw new BadInput(['input', 'mergedIds'], 'mergedIds: at least one record.');
  if (request.mergedIds.length > 10)
    throw new BadInput(['input', 'mergedIds'], 'mergedIds: at most 10 records per merge.');
  if (new Set([request.survivorId, ...request.mergedIds]).size !== request.mergedIds.length + 1)
    throw new BadInput(['input', 'mergedIds'], 'mergedIds: distinct records, not the survivor.');
}

/** `choosable`: the fields whose values the request may choose (all mergeable ones by default). */
export async function mergeRecords(
  writer: MergeWriter,
  object: ObjectDef,
  request: MergeRequest,
  choosable: readonly FieldDef[] = mergeableFields(object),
): Promise<MergeRow> {
  checkRequest(request);
  const { store } = writer;
  return writeTogether(writer.em, writer.metadata, writer.actorId, async (ctx) => {
    const ids = [request.survivorId, ...request.mergedIds];
    const found = await store.getMany(ctx, object, ids);
    found.forEach((row, i) => {
      if (!row) throw new NotFound(`${object.labelSingular} ${ids[i]}`);
    });
    const rows = new Map(found.map((row) => [row!.id, row!]));
    const { patch, from } = chosenPatch(object, rows, request, choosable);
    const survivor = rows.get(request.survivorId)!;
    const undo: MergeUndo = {
      survivorBefore: Object.fromEntries(Object.keys(patch).map((k) => [k, survivor[k] ?? null])),
      cleared: [],
      pointers: [],
      lists: [],
      threads: { comments: [], followers: [] },
    };
    for (const field of mergeableFields(object).filter((f) => f.unique && from.has(f.key))) {
      const recordId = from.get(field.key)!;
      undo.cleared.push({ recordId, patch: { [field.key]: rows.get(recordId)![field.key] } });
      await store.update(ctx, object, { id: recordId, patch: { [field.key]: null } });
    }
    undo.pointers = await movePointers(store, ctx, object, request.survivorId, request.mergedIds);
    undo.lists = await rewriteLists(store, ctx, object, request.survivorId, request.mergedIds);
    undo.threads = await moveThreads(ctx.em, ctx.metadata.workspaceId, request.survivorId, request.mergedIds);
    for (const id of request.mergedIds) await store.delete(ctx, object, id);
    if (Object.keys(patch).length) await store.update(ctx, object, { id: request.survivorId, patch });
    const id = randomUUID();
    const [row] = await queryRows<MergeDbRow>(
      ctx.em,
      `insert into record_merge (id, workspace_id, object_id, survivor_id, merged_ids, actor_id, undo)
       values (?, ?, ?, ?, ?::uuid[], ?, ?::jsonb) returning ${mergeColumns}`,
      [
        id,
        ctx.metadata.workspaceId,
        object.id,
        request.survivorId,
        `{${request.mergedIds.join(',')}}`,
        ctx.actorId,
        JSON.stringify(undo),
      ],
    );
    await recordAudit(ctx.em, {
      workspaceId: ctx.metadata.workspaceId,
      action: 'record.merged',
      by: writer.by ?? { userId: ctx.actorId },
      objectKey: object.key,
      targetIds: ids,
      targetNames: ids.map((recordId) => labelOf(object, rows.get(recordId)!)),
      details: {
        mergeId: id,
        survivorId: request.survivorId,
        mergedIds: request.mergedIds,
        fields: Object.keys(patch),
      },
    });
    return toMergeRow(row!);
  });
}

/** Puts everything back: the merged records return, pointers and lists that still point at the survivor go back. */
export async function undoMerge(
  writer: MergeWriter,
  mergeId: string,
  /** The caller's say on the records the undo writes (their permission profile), before any write. */
  guard?: (object: ObjectDef, merge: MergeRow) => Promise<void>,
): Promise<MergeRow> {
  const { store } = writer;
  return writeTogether(writer.em, writer.metadata, writer.actorId, async (ctx) => {
    const [row] = await queryRows<MergeDbRow & { undo: MergeUndo }>(
      ctx.em,
      `select ${mergeColumns}, undo from record_merge where workspace_id = ? and id = ? for update`,
      [ctx.metadata.workspaceId, mergeId],
    );
    if (!row) throw new NotFound(`The merge ${mergeId}`);
    if (row.undone_at) throw new BadInput(['id'], 'This merge has already been undone.');
    const object = ctx.metadata.objects.find((o) => o.id === row.object_id && !o.archivedAt);
    if (!object) throw new NotFound('The merged records’ object');
    await guard?.(object, toMergeRow(row));
    const { undo } = row;
    for (const id of row.merged_ids) await store.restore(ctx, object, id);
    if (Object.keys(undo.survivorBefore).length)
      await store.update(ctx, object, { id: row.survivor_id, patch: undo.survivorBefore });
    for (const { recordId, patch } of undo.cleared) await store.update(ctx, object, { id: recordId, patch });
    await restorePointers(store, ctx, row.survivor_id, undo.pointers);
    await restoreLists(store, ctx, undo.lists);
    await restoreThreads(ctx.em, ctx.metadata.workspaceId, row.survivor_id, undo.threads);
    const [updated] = await queryRows<MergeDbRow>(
      ctx.em,
      `update record_merge set undone_at = now(), undone_by = ? where id = ? returning ${mergeColumns}`,
      [ctx.actorId, mergeId],
    );
    return toMergeRow(updated!);
  });
}

const mergeColumns =
  'id, object_id, survivor_id, merged_ids::text[] as merged_ids, actor_id, created_at, undone_at';

interface MergeDbRow {
  id: string;
  object_id: string;
  survivor_id: string;
  merged_ids: string[];
  actor_id: string | null;
  created_at: Date;
  undone_at: Date | null;
}

function toMergeRow(row: MergeDbRow): MergeRow {
  return {
    id: row.id,
    objectId: row.object_id,
    survivorId: row.survivor_id,
    mergedIds: row.merged_ids,
    actorId: row.actor_id,
    createdAt: new Date(row.created_at),
    undoneAt: row.undone_at ? new Date(row.undone_at) : null,
  };
}

/** Merges into or out of a record (newest first): the audit trail a record page shows. */
export async function mergesOf(
  em: EntityManager,
  workspaceId: string,
  recordId: string,
): Promise<MergeRow[]> {
  const rows = await queryRows<MergeDbRow>(
    em,
    `select ${mergeColumns} from record_merge
     where workspace_id = ? and (survivor_id = ? or ? = any(merged_ids)) order by created_at desc limit 50`,
    [workspaceId, recordId, recordId],
  );
  return rows.map(toMergeRow);
}

/** The records merged into `survivorId`, directly or through earlier merges, by merges not undone. */
export async function mergedInto(
  em: EntityManager,
  workspaceId: string,
  survivorId: string,
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    em,
    `with recursive merged(id) as (
       select unnest(merged_ids) from record_merge where workspace_id = ? and survivor_id = ? and undone_at is null
       union
       select unnest(r.merged_ids) from record_merge r join merged m on r.survivor_id = m.id
       where r.workspace_id = ? and r.undone_at is null)
     select id::text as id from merged limit 100`,
    [workspaceId, survivorId, workspaceId],
  );
  return rows.map((r) => r.id);
}

/** A record's name by its object's label field, as it was before the merge. */
function labelOf(object: ObjectDef, row: RecordRow): string {
  const field = object.fields.find((f) => f.id === object.labelFieldId);
  const value = field ? row[field.key] : null;
  return value === null || value === undefined ? '' : String(value);
}
