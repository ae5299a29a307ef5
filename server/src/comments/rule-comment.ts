import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { announce, membersAmong } from '../activities/index.js';
import type { ObjectDef } from '../metadata/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordRow } from '../records/index.js';
import { parseBody } from './body.js';
import { followersOf, peopleOf } from './followers.js';
import { notifyOfComment } from './notify.js';
import { getComment, insertComment, type Comment, type RecordRef } from './store.js';
import { threadTopic } from './thread.js';

export interface RuleComment {
  ref: RecordRef;
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
 * and followers hear of it (and members it mentions), as of a member's comment; nobody is
 * made a follower. Returns the comment and what to tell once the transaction commits.
 */
export async function addRuleComment(
  em: Pick<EntityManager, 'execute'>,
  events: EventBus,
  input: RuleComment,
): Promise<{ comment: Comment; afterCommit: () => Promise<void> }> {
  const parsed = parseBody(input.body);
  const followers = await followersOf(em, input.ref, peopleOf(input.object, input.row));
  const members = await membersAmong(em, input.ref.workspaceId, [...parsed.mentions, ...followers]);
  // A rule's text may name someone who left since it was written: they are simply not told.
  const text = { body: parsed.body, mentions: parsed.mentions.filter((id) => members.has(id)) };
  const id = await insertComment(em, input.ref, { label: input.authorLabel }, text);
  const comment = (await getComment(em, input.ref.workspaceId, id))!;
  const added = await notifyOfComment(em, comment, input.label, {
    mentioned: text.mentions,
    followers,
    members,
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
