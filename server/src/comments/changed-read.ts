import { getComment, type Comment } from './store.js';
import type { CommentChanged } from './topics.js';

type Db = Parameters<typeof getComment>[0];

/**
 * The comment an event names, read once per process however many watch the thread: every
 * subscriber (thread and timeline) of this process asks for the same publication within the
 * same moment and shares one read. The event carries no body because a body of 10,000
 * characters does not fit a PostgreSQL NOTIFY.
 */
const reads = new Map<string, Promise<Comment | undefined>>();
const keepMs = 5_000;

export function readChangedComment(
  db: Db,
  workspaceId: string,
  event: CommentChanged,
): Promise<Comment | undefined> {
  // An edit read after a later delete finds nothing: that is a removal too.
  if (event.kind === 'DELETED') return Promise.resolve(undefined);
  const key = `${workspaceId}:${event.changeId}`;
  let read = reads.get(key);
  if (!read) {
    read = getComment(db, workspaceId, event.commentId);
    reads.set(key, read);
    const forget = () => setTimeout(() => reads.delete(key), keepMs).unref();
    read.then(forget, () => reads.delete(key));
  }
  return read;
}
