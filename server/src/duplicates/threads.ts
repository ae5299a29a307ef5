import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../platform/index.js';

/**
 * Comments and followers are kept by record id outside the record tables (the comments
 * module's `comment` and `record_follower`): a merge moves them to the survivor, and its
 * undo moves them back by the ids it stored.
 */

export interface MovedThreads {
  /** Comment id → the record it was on. */
  comments: { id: string; recordId: string }[];
  /** Followers the survivor gained (they followed a merged record, not the survivor). */
  followers: string[];
}

const uuidList = (ids: readonly string[]) => `{${ids.join(',')}}`;

export async function moveThreads(
  em: EntityManager,
  workspaceId: string,
  survivorId: string,
  mergedIds: readonly string[],
): Promise<MovedThreads> {
  const comments = await queryRows<{ id: string; record_id: string }>(
    em,
    `update comment c set record_id = ? from comment old
     where c.id = old.id and c.workspace_id = ? and c.record_id = any(?::uuid[])
     returning c.id, old.record_id`,
    [survivorId, workspaceId, uuidList(mergedIds)],
  );
  const followers = await queryRows<{ user_id: string }>(
    em,
    `insert into record_follower (workspace_id, object_id, record_id, user_id, following)
     select distinct on (user_id) workspace_id, object_id, ?::uuid, user_id, following from record_follower
     where workspace_id = ? and record_id = any(?::uuid[]) order by user_id, following desc
     on conflict do nothing returning user_id`,
    [survivorId, workspaceId, uuidList(mergedIds)],
  );
  return {
    comments: comments.map((c) => ({ id: c.id, recordId: c.record_id })),
    followers: followers.map((f) => f.user_id),
  };
}

export async function restoreThreads(
  em: EntityManager,
  workspaceId: string,
  survivorId: string,
  moved: MovedThreads,
): Promise<void> {
  for (const { id, recordId } of moved.comments)
    await queryRows(em, 'update comment set record_id = ? where workspace_id = ? and id = ?', [
      recordId,
      workspaceId,
      id,
    ]);
  if (moved.followers.length)
    await queryRows(
      em,
      'delete from record_follower where workspace_id = ? and record_id = ? and user_id = any(?::uuid[])',
      [workspaceId, survivorId, uuidList(moved.followers)],
    );
}
