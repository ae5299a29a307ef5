import type { EntityManager } from '@mikro-orm/postgresql';
import { addNotifications, type NewNotification, type Notification } from '../activities/index.js';
import { excerptOf } from './body.js';
import type { Comment } from './store.js';

export interface CommentAudience {
  /** Members mentioned by this write (an edit: only those it adds). */
  mentioned: readonly string[];
  /** Members told of a new comment: the record's people and followers (empty for an edit). */
  followers: readonly string[];
  /** Of everyone above, those who are members now: others get nothing. */
  members: ReadonlySet<string>;
}

/**
 * MENTION for the mentioned, COMMENT for the other followers, never the author. Each is
 * keyed by the comment, so an edit tells only members it newly mentions.
 */
export async function notifyOfComment(
  db: Pick<EntityManager, 'execute'>,
  comment: Comment,
  label: string,
  audience: CommentAudience,
): Promise<Notification[]> {
  const names = new Map(comment.mentions.map((m) => [m.userId, m.name]));
  const excerpt = excerptOf(comment.body, names);
  const told = (id: string) => audience.members.has(id) && id !== comment.authorId;
  const entry = (userId: string, kind: 'MENTION' | 'COMMENT'): NewNotification => ({
    workspaceId: comment.workspaceId,
    userId,
    kind,
    objectId: comment.objectId,
    recordId: comment.recordId,
    label,
    dueAt: null,
    late: false,
    actorId: comment.authorId,
    excerpt,
    dedupeKey: `${kind.toLowerCase()}:${comment.id}`,
  });
  const mentioned = audience.mentioned.filter(told);
  const others = audience.followers.filter(
    (id) => told(id) && !comment.mentions.some((m) => m.userId === id),
  );
  return addNotifications(db, [
    ...mentioned.map((id) => entry(id, 'MENTION')),
    ...others.map((id) => entry(id, 'COMMENT')),
  ]);
}
