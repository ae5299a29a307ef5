import type { EntityManager } from '@mikro-orm/postgresql';
import type { ObjectDef } from '../metadata/index.js';
import type { RecordRow } from '../records/index.js';
import type { RecordRef } from './store.js';

type Db = Pick<EntityManager, 'execute'>;

/**
 * Follows (or, with `following: false`, unfollows on purpose) a record. `auto`: only if the
 * member never chose, so commenting follows a record without undoing an unfollow.
 */
export async function setFollowing(
  db: Db,
  record: RecordRef,
  userId: string,
  following: boolean,
  options: { auto?: boolean } = {},
): Promise<void> {
  await db.execute(
    `insert into record_follower (workspace_id, object_id, record_id, user_id, following) values (?, ?, ?, ?, ?)
     on conflict (workspace_id, record_id, user_id) do ${options.auto ? 'nothing' : 'update set following = excluded.following'}`,
    [record.workspaceId, record.objectId, record.recordId, userId, following],
  );
}

/** The record's people: who its USER fields (owner, assignee, …) hold. */
export function peopleOf(object: ObjectDef, row: RecordRow): string[] {
  const ids = object.fields
    .filter((f) => f.type === 'USER' && !f.readOnly && !f.archivedAt)
    .map((f) => row[f.key])
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

/** Who hears of a new comment: the record's people and followers, less those who unfollowed. */
export async function followersOf(db: Db, record: RecordRef, people: readonly string[]): Promise<string[]> {
  const rows = await db.execute<{ user_id: string; following: boolean }[]>(
    'select user_id, following from record_follower where workspace_id = ? and record_id = ?',
    [record.workspaceId, record.recordId],
  );
  const unfollowed = new Set(rows.filter((r) => !r.following).map((r) => r.user_id));
  const followers = rows.filter((r) => r.following).map((r) => r.user_id);
  return [...new Set([...people, ...followers])].filter((id) => !unfollowed.has(id));
}

/** Whether this member hears of new comments on the record. */
export async function isFollowing(db: Db, record: RecordRef, people: readonly string[], userId: string) {
  return (await followersOf(db, record, people)).includes(userId);
}
