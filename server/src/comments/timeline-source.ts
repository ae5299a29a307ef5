import type { EventBus } from '../platform/index.js';
import {
  liveTimelineEvents,
  type TimelineEvent,
  type TimelineItem,
  type TimelineSource,
  type TimelineTarget,
} from '../timeline/index.js';
import { readChangedComment } from './changed-read.js';
import { commentCursor, listRecordComments, type Comment } from './store.js';
import { watchThread } from './thread.js';
import type { CommentChanged } from './topics.js';

export const commentKind = 'COMMENT';

const itemId = (commentId: string) => `comment:${commentId}`;

/** A comment as a timeline item, the same in a read and a live push (its id is the comment's). */
function commentItem(target: TimelineTarget, comment: Comment): TimelineItem {
  return {
    id: itemId(comment.id),
    kind: commentKind,
    at: comment.createdAt,
    actorId: comment.authorId,
    object: target.object.key,
    recordId: target.recordId,
    data: {
      commentId: comment.id,
      authorName: comment.authorName,
      body: comment.body,
      mentions: comment.mentions,
      editedAt: comment.editedAt?.toISOString() ?? null,
    },
  };
}

/**
 * The record's comments in its timeline: read newest first by the thread's own keyset
 * (created_at, id), live from the comments' topic rather than the change log, since a
 * comment is no record change. Needs the bus, so app/ builds it with the server's.
 */
export function commentTimelineSource(events: EventBus): TimelineSource {
  return {
    name: 'comments',
    kinds: [commentKind],

    async read(ctx, { target, after, first }) {
      const ref = { workspaceId: ctx.workspaceId, recordId: target.recordId };
      const page = await listRecordComments(ctx.em, ref, { first, after, order: 'newest' });
      return page.nodes.map((comment) => ({
        item: commentItem(target, comment),
        cursor: commentCursor(comment),
      }));
    },

    subscribe(ctx, target, since) {
      const record = { workspaceId: ctx.workspaceId, recordId: target.recordId };
      const removal = (commentId: string): TimelineEvent => ({
        item: {
          id: itemId(commentId),
          kind: commentKind,
          at: new Date(),
          actorId: null,
          object: target.object.key,
          recordId: target.recordId,
          data: {},
        },
        removed: true,
      });
      const toEvent = async (event: CommentChanged) => {
        const comment = await readChangedComment(ctx.em, ctx.workspaceId, event);
        return comment ? { item: commentItem(target, comment), removed: false } : removal(event.commentId);
      };
      return liveTimelineEvents(watchThread(events, ctx.em, record, since), toEvent);
    },
  };
}
