import { randomUUID } from 'node:crypto';
import { announce, membersAmong, type Notification } from '../activities/index.js';
import { can, requirePermission } from '../identity/index.js';
import { Forbidden, NotFound, parseId } from '../platform/index.js';
import { checkMentions, parseBody } from './body.js';
import { followersOf, peopleOf, setFollowing } from './followers.js';
import { notifyOfComment } from './notify.js';
import type { CommentsContext } from './services.js';
import {
  getComment,
  insertComment,
  removeComment,
  updateComment,
  type Comment,
  type RecordRef,
} from './store.js';
import { findThread, threadOfComment, threadTopic } from './thread.js';
import type { CommentChanged } from './topics.js';

/**
 * Adds a comment: mentions must be members; the author follows the record; the mentioned,
 * the record's people and its followers are notified in the same transaction, told after commit.
 */
export async function addComment(
  ctx: CommentsContext,
  objectKey: string,
  recordId: string,
  body: string,
): Promise<Comment> {
  requirePermission(ctx, 'records.write');
  const text = parseBody(body);
  const thread = await findThread(ctx, 'records.write', objectKey, recordId);
  const authorId = thread.access.caller.user.id;
  const { comment, added } = await ctx.em.transactional(async (em) => {
    const followers = await followersOf(em, thread.ref, peopleOf(thread.object, thread.row));
    const members = await membersAmong(em, thread.ref.workspaceId, [...text.mentions, ...followers]);
    checkMentions(text.mentions, members);
    const readers = await readersOf(ctx, thread.ref, members);
    const id = await insertComment(em, thread.ref, authorId, text);
    await setFollowing(em, thread.ref, authorId, true, { auto: true });
    const comment = (await getComment(em, thread.ref.workspaceId, id))!;
    const added = await notifyOfComment(em, comment, thread.label, {
      mentioned: text.mentions,
      followers,
      members: readers,
    });
    return { comment, added };
  });
  await tell(ctx, comment, 'ADDED', added);
  return comment;
}

/** Edits your own comment; members it newly mentions are notified (and nobody else). */
export async function editComment(ctx: CommentsContext, commentId: string, body: string): Promise<Comment> {
  const access = requirePermission(ctx, 'records.write');
  const id = parseId(['id'], commentId);
  const text = parseBody(body);
  const { comment, added } = await ctx.em.transactional(async (em) => {
    const before = await getComment(em, access.workspaceId, id, { forUpdate: true });
    if (!before) throw new NotFound('The comment');
    const thread = await threadOfComment(ctx, access, before);
    if (before.authorId !== access.caller.user.id)
      throw new Forbidden('You can edit only your own comments.');
    const newlyMentioned = text.mentions.filter((m) => !before.mentions.some((b) => b.userId === m));
    const members = await membersAmong(em, access.workspaceId, newlyMentioned);
    checkMentions(newlyMentioned, members);
    const readers = await readersOf(ctx, thread.ref, members);
    await updateComment(em, id, text);
    const comment = (await getComment(em, access.workspaceId, id))!;
    const added = await notifyOfComment(em, comment, thread.label, {
      mentioned: newlyMentioned,
      followers: [],
      members: readers,
    });
    return { comment, added };
  });
  await tell(ctx, comment, 'EDITED', added);
  return comment;
}

/** Deletes your own comment; admins may delete anyone's (moderation). */
export async function deleteComment(ctx: CommentsContext, commentId: string): Promise<string> {
  const access = requirePermission(ctx, 'records.write');
  const id = parseId(['id'], commentId);
  const comment = await ctx.em.transactional(async (em) => {
    const comment = await getComment(em, access.workspaceId, id, { forUpdate: true });
    if (!comment) throw new NotFound('The comment');
    await threadOfComment(ctx, access, comment);
    if (comment.authorId !== access.caller.user.id && !can(access.role, 'members.manage'))
      throw new Forbidden('You can delete only your own comments (admins may delete any).');
    await removeComment(em, id);
    return comment;
  });
  await tell(ctx, comment, 'DELETED', []);
  return id;
}

/** Of the members to tell, those whose permission profile lets them read the record. */
function readersOf(ctx: CommentsContext, ref: RecordRef, members: ReadonlySet<string>): Promise<Set<string>> {
  return ctx.services.recordAccess.readersAmong(ref.workspaceId, ref.objectId, ref.recordId, [...members]);
}

/** After commit: the thread's subscribers, in any process, and the notified members' inboxes. */
async function tell(
  ctx: CommentsContext,
  comment: Comment,
  kind: CommentChanged['kind'],
  added: Notification[],
): Promise<void> {
  await ctx.services.events.publish('comments.changed', threadTopic(comment), {
    kind,
    commentId: comment.id,
    changeId: randomUUID(),
  });
  await announce(ctx.services.events, added);
}
