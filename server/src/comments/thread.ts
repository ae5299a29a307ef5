import { randomUUID } from 'node:crypto';
import { callerView } from '../records/index.js';
import { requirePermission, type Permission, type WorkspaceAccess } from '../identity/index.js';
import { activeObjects, loadMetadata, type ObjectDef } from '../metadata/index.js';
import { BadInput, caughtUp, NotFound, parseId, type EventBus } from '../platform/index.js';
import type { RecordRow } from '../records/index.js';
import type { CommentsContext } from './services.js';
import { commentChangesSince, type RecordRef } from './store.js';
import type { CommentChanged } from './topics.js';

/** A live record with its thread, as a resolver found it for the caller. */
export interface Thread {
  access: WorkspaceAccess;
  object: ObjectDef;
  row: RecordRow;
  ref: RecordRef;
  /** The record's label, as notifications show it. */
  label: string;
}

/** The caller's access, and the record `object`/`recordId` name (not deleted), or a coded error. */
export async function findThread(
  ctx: CommentsContext,
  permission: Permission,
  objectKey: string,
  recordId: string,
): Promise<Thread> {
  const access = requirePermission(ctx, permission);
  const id = parseId(['recordId'], recordId);
  return loadThread(ctx, access, (o) => o.key === objectKey, id).catch((error: unknown) => {
    if (error === unknownObject)
      throw new BadInput(['object'], `No object “${objectKey.slice(0, 70)}” in this workspace.`);
    throw error;
  });
}

const unknownObject = new Error('unknown object');

/**
 * The record `id` of the active object `which` picks, for the caller whose access is given:
 * NOT_FOUND when it does not exist, is deleted or is outside the caller's read scope.
 */
export async function loadThread(
  ctx: CommentsContext,
  access: WorkspaceAccess,
  which: (object: ObjectDef) => boolean,
  id: string,
): Promise<Thread> {
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = activeObjects(metadata).find(which);
  if (!object) throw unknownObject;
  // The caller's permission profile: a record out of their read scope is one that does not exist.
  const { scope } = await callerView(ctx.services.recordAccess, access, metadata);
  const [row] = await ctx.services.records.getMany(
    { em: ctx.em, metadata, actorId: access.caller.user.id, ...(scope ? { scope } : {}) },
    object,
    [id],
  );
  if (!row) throw new NotFound(`The ${object.labelSingular.toLowerCase()} ${id}`);
  const labelKey = object.fields.find((f) => f.id === object.labelFieldId)?.key;
  const label = labelKey && typeof row[labelKey] === 'string' ? (row[labelKey] as string) : '';
  return {
    access,
    object,
    row,
    ref: { workspaceId: access.workspaceId, objectId: object.id, recordId: id },
    label,
  };
}

/** The bus routing of one record's thread. */
export function threadTopic(ref: Pick<RecordRef, 'workspaceId' | 'recordId'>): string {
  return `${ref.workspaceId}:${ref.recordId}`;
}

/**
 * A thread's comment events as they happen; with `since` (a snapshot, a `changeCursor`), first
 * what happened to its comments after it, since the bus keeps nothing for a subscriber to come.
 */
export function watchThread(
  events: EventBus,
  db: Parameters<typeof commentChangesSince>[0],
  ref: Pick<RecordRef, 'workspaceId' | 'recordId'>,
  since: string | null,
): AsyncIterable<CommentChanged> {
  const live = events.subscribe('comments.changed', threadTopic(ref));
  if (!since) return live;
  // Each a publication of its own: no process shares a read of it with a live event.
  const missed = async () =>
    (await commentChangesSince(db, ref, since)).map((change) => ({ ...change, changeId: randomUUID() }));
  return caughtUp(missed, live);
}

/**
 * The thread a comment is on, when the caller may still read its record; NOT_FOUND for the
 * comment otherwise, so a comment on a record out of scope cannot be read, edited or deleted.
 */
export async function threadOfComment(
  ctx: CommentsContext,
  access: WorkspaceAccess,
  comment: { objectId: string; recordId: string },
): Promise<Thread> {
  return loadThread(ctx, access, (o) => o.id === comment.objectId, comment.recordId).catch(
    (error: unknown) => {
      if (error === unknownObject || error instanceof NotFound) throw new NotFound('The comment');
      throw error;
    },
  );
}
