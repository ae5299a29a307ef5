import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { announce, membersAmong } from '../activities/index.js';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordAccessViews, RecordRow } from '../records/index.js';
import { parseBody } from './body.js';
import { followersOf, peopleOf } from './followers.js';
import { notifyOfComment } from './notify.js';
import { getComment, insertComment, type Comment, type RecordRef } from './store.js';
import { threadTopic } from './thread.js';

export interface RuleComment {
  ref: RecordRef;
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  row: RecordRow;
  /** The record's label, for the notifications. */
  label: string;
  /** Who the thread shows as the author: "Automation: <rule name>". */
  authorLabel: string;
  body: string;
}

/**
 * A comment written by an automation rule in the caller's transaction: the record's people
 * and followers hear of it (and members it mentions) if they may read the record, as of a
 * member's comment; nobody is
 * made a follower. Returns the comment and what to tell once the transaction commits.
 */
export async function addRuleComment(
  em: Pick<EntityManager, 'execute'>,
  { events, recordAccess }: { events: EventBus; recordAccess: RecordAccessViews },
  input: RuleComment,
): Promise<{ comment: Comment; afterCommit: () => Promise<void> }> {
  const parsed = parseBody(input.body);
  const followers = await followersOf(em, input.ref, peopleOf(input.object, input.row));
  const members = await membersAmong(em, input.ref.workspaceId, [...parsed.mentions, ...followers]);
  // A rule's text may name someone who left since it was written: they are simply not told.
  const text = { body: parsed.body, mentions: parsed.mentions.filter((id) => members.has(id)) };
  // As for a member's comment, only those whose profile lets them read the record are told;
  // read in this transaction, which may have just created the record.
  const views = await recordAccess.readersOf(
    em,
    {
      workspaceId: input.ref.workspaceId,
      metadata: input.metadata,
      object: input.object,
      recordId: input.ref.recordId,
    },
    [...members],
  );
  const readers = new Set([...views].flatMap(([userId, view]) => (view ? [userId] : [])));
  const id = await insertComment(em, input.ref, { label: input.authorLabel }, text);
  const comment = (await getComment(em, input.ref.workspaceId, id))!;
  const added = await notifyOfComment(em, comment, input.label, {
    mentioned: text.mentions,
    followers,
    members: readers,
  });
  return {
    comment,
    afterCommit: async () => {
      await events.publish('comments.changed', threadTopic(comment), {
        kind: 'ADDED',
        commentId: comment.id,
        changeId: randomUUID(),
      });
      await announce(events, added);
    },
  };
}
