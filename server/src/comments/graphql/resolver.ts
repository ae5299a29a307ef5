import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { loadMetadata } from '../../metadata/index.js';
import { requirePermission, Role } from '../../identity/index.js';
import { BadInput } from '../../platform/index.js';
import { gated, resumedFrom } from '../../realtime/index.js';
import { addComment, deleteComment, editComment } from '../service.js';
import { isFollowing, peopleOf, setFollowing } from '../followers.js';
import type { CommentsContext } from '../services.js';
import { readChangedComment } from '../changed-read.js';
import { countComments, listRecordComments, maxCommentPage, type Comment } from '../store.js';
import { findThread, watchThread } from '../thread.js';
import type { CommentChanged } from '../topics.js';
import { maxBodyLength } from '../body.js';
import { CommentChangeEventType, CommentChangeKind, CommentPageType, CommentType } from './types.js';

function toCommentType(comment: Comment, object: string): CommentType {
  return {
    id: comment.id,
    object,
    recordId: comment.recordId,
    authorId: comment.authorId,
    authorName: comment.authorName,
    body: comment.body,
    mentions: comment.mentions,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
  };
}

async function typed(ctx: CommentsContext, comment: Comment): Promise<CommentType> {
  const metadata = await loadMetadata(ctx.em, comment.workspaceId);
  return toCommentType(comment, metadata.objects.find((o) => o.id === comment.objectId)?.key ?? '');
}

@Resolver()
export class CommentResolver {
  @Query(() => CommentPageType, { description: 'A record’s comments, oldest first.' })
  async comments(
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) recordId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: `1–${maxCommentPage}.` }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: CommentsContext,
  ): Promise<CommentPageType> {
    if (!Number.isInteger(first) || first < 1 || first > maxCommentPage)
      throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxCommentPage}.`);
    const { ref } = await findThread(ctx, 'records.read', object, recordId);
    const page = await listRecordComments(ctx.em, ref, { first, after });
    return {
      nodes: page.nodes.map((c) => toCommentType(c, object)),
      hasNextPage: page.hasNextPage,
      endCursor: page.endCursor,
      totalCount: await countComments(ctx.em, ref),
    };
  }

  @Mutation(() => CommentType, {
    description: `Comments on a record (at most ${maxBodyLength} characters; mention a member with \`<@userId>\`). You then follow the record.`,
  })
  async addComment(
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) recordId: string,
    @Arg('body', () => String) body: string,
    @Ctx() ctx: CommentsContext,
  ): Promise<CommentType> {
    return typed(ctx, await addComment(ctx, object, recordId, body));
  }

  @Mutation(() => CommentType, {
    description: 'Edits your own comment; only newly mentioned members are told.',
  })
  async editComment(
    @Arg('id', () => ID) id: string,
    @Arg('body', () => String) body: string,
    @Ctx() ctx: CommentsContext,
  ): Promise<CommentType> {
    return typed(ctx, await editComment(ctx, id, body));
  }

  @Mutation(() => ID, { description: 'Deletes your own comment (admins: any); returns its id.' })
  async deleteComment(@Arg('id', () => ID) id: string, @Ctx() ctx: CommentsContext): Promise<string> {
    return deleteComment(ctx, id);
  }

  @Query(() => Boolean, {
    description:
      'Whether you hear of new comments on the record (you follow it, or it is yours, and did not unfollow).',
  })
  async followingRecord(
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: CommentsContext,
  ): Promise<boolean> {
    const thread = await findThread(ctx, 'records.read', object, recordId);
    return isFollowing(ctx.em, thread.ref, peopleOf(thread.object, thread.row), thread.access.caller.user.id);
  }

  @Mutation(() => Boolean, { description: 'Follow a record: hear of its new comments. Returns true.' })
  async followRecord(
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: CommentsContext,
  ): Promise<boolean> {
    return follow(ctx, object, recordId, true);
  }

  @Mutation(() => Boolean, {
    description:
      'Stop hearing of a record’s comments, even if it is yours or you comment again. Returns false.',
  })
  async unfollowRecord(
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: CommentsContext,
  ): Promise<boolean> {
    return follow(ctx, object, recordId, false);
  }

  @Subscription(() => CommentChangeEventType, {
    description:
      'Each comment added, edited or deleted on one record, by anyone, as it happens. With `after` (a `changeCursor` read beside the thread), what happened since that read comes first.',
    subscribe: async ({ args, context }) => {
      const ctx = context as CommentsContext;
      const { object, recordId, after } = args as { object: string; recordId: string; after?: string | null };
      const since = resumedFrom(after);
      const { ref, access } = await findThread(ctx, 'records.read', object, recordId);
      // Its catch-up reads after this call returns: an entity manager of its own.
      const events = watchThread(ctx.services.events, ctx.em.fork(), ref, since);
      // Checked again per event: a record the subscriber can no longer read (a share taken
      // back) tells them nothing more.
      const userId = access.caller.user.id;
      if (access.role === Role.OWNER || access.role === Role.ADMIN) return events;
      return gated(events, async (event) => {
        const readers = await ctx.services.recordAccess.readersAmong(
          ref.workspaceId,
          ref.objectId,
          ref.recordId,
          [userId],
        );
        return readers.has(userId) ? event : null;
      });
    },
  })
  async commentChanged(
    @Root() event: CommentChanged,
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) _recordId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Ctx() ctx: CommentsContext,
  ): Promise<CommentChangeEventType> {
    const access = requirePermission(ctx, 'records.read');
    const comment = await readChangedComment(ctx.em.fork(), access.workspaceId, event);
    return {
      kind: event.kind as CommentChangeKind,
      commentId: event.commentId,
      // The thread's object is the one subscribed to (checked then): no metadata to read per event.
      comment: comment ? toCommentType(comment, object) : null,
    };
  }
}

async function follow(
  ctx: CommentsContext,
  object: string,
  recordId: string,
  following: boolean,
): Promise<boolean> {
  const thread = await findThread(ctx, 'records.read', object, recordId);
  await setFollowing(ctx.em, thread.ref, thread.access.caller.user.id, following);
  return following;
}
