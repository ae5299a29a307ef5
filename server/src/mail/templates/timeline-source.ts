import type { EntityManager } from '@mikro-orm/postgresql';
import {
  caughtUp,
  decodeTimeCursor,
  encodeTimeCursor,
  queryRows,
  writtenSince,
  type EventBus,
} from '../../platform/index.js';
import {
  liveTimelineEvents,
  readableRecordIds,
  type TimelineItem,
  type TimelineSource,
  type TimelineTarget,
} from '../../timeline/index.js';
import { toMessage, type MailRow } from '../outbox.js';
import { recordMailRoute } from '../topics.js';

export const emailKind = 'EMAIL';

/** The text part shown in the timeline is cut here; the outbox holds the rest. */
const maxExcerpt = 500;

/** `readable`: the record it was sent from, if another, may be named (the caller may read it). */
function mailItem(target: TimelineTarget, row: MailRow, readable: ReadonlySet<string>): TimelineItem {
  const message = toMessage(row);
  const from = message.recordId === target.recordId ? null : message.recordId;
  return {
    id: `email:${message.id}`,
    kind: emailKind,
    at: message.createdAt,
    actorId: message.senderUserId,
    object: target.object.key,
    recordId: target.recordId,
    data: {
      messageId: message.id,
      to: message.to,
      cc: message.cc,
      subject: message.subject,
      excerpt: message.text.length > maxExcerpt ? `${message.text.slice(0, maxExcerpt)}…` : message.text,
      status: message.status,
      statusReason: message.statusReason,
      sentAt: message.sentAt?.toISOString() ?? null,
      templateId: message.templateId,
      attachments: message.attachments.map(({ name, contentType, size }) => ({ name, contentType, size })),
      // Where it was sent from, when that is another record (a deal's mail on its contact).
      fromRecordId: from && readable.has(from.toLowerCase()) ? from : null,
    },
  };
}

/** The records the rows were sent from, other than the target. */
function fromRecords(target: TimelineTarget, rows: readonly MailRow[]): string[] {
  return rows.flatMap((row) => (row.record_id && row.record_id !== target.recordId ? [row.record_id] : []));
}

async function readOne(em: EntityManager, workspaceId: string, messageId: string, recordId: string) {
  const [row] = await queryRows<MailRow>(
    em,
    'select * from mail_message where workspace_id = ? and id = ? and ?::uuid = any(timeline_record_ids)',
    [workspaceId, messageId, recordId],
  );
  return row;
}

/**
 * Messages sent from a record, on its timeline and on the people's and companies' it pointed at,
 * newest first by (created_at, id); live from the mail topic, published when one is queued and
 * each time the sender moves its status (sent, failed, retrying).
 */
export function emailTimelineSource(events: EventBus): TimelineSource {
  return {
    name: 'email',
    kinds: [emailKind],

    async read(ctx, { target, after, first }) {
      const cursor = after ? decodeTimeCursor(after) : null;
      const rows = await queryRows<MailRow>(
        ctx.em,
        `select * from mail_message where workspace_id = ? and timeline_record_ids @> array[?::uuid]
           ${cursor ? 'and (created_at, id) < (?::timestamptz, ?::uuid)' : ''}
         order by created_at desc, id desc limit ?`,
        [ctx.workspaceId, target.recordId, ...(cursor ? [cursor.at, cursor.id] : []), first],
      );
      const readable = await readableRecordIds(ctx, target.metadata, fromRecords(target, rows));
      return rows.map((row) => ({
        item: mailItem(target, row, readable),
        cursor: encodeTimeCursor(new Date(row.created_at), row.id),
      }));
    },

    subscribe(ctx, target, since) {
      const route = recordMailRoute(ctx.workspaceId, target.recordId);
      const live = events.subscribe('mail.recordMailChanged', route);
      // Each message queued or moved after the snapshot, told as the bus tells it.
      const missed = async (snapshot: string) =>
        (
          await queryRows<{ id: string }>(
            ctx.em,
            `select id from mail_message where workspace_id = ? and timeline_record_ids @> array[?::uuid]
               and ${writtenSince('changed_xid')} order by created_at, id`,
            [ctx.workspaceId, target.recordId, snapshot],
          )
        ).map((row) => ({ messageId: row.id }));
      const changed = since ? caughtUp(() => missed(since), live) : live;
      return liveTimelineEvents(changed, async (event) => {
        const row = await readOne(ctx.em, ctx.workspaceId, event.messageId, target.recordId);
        if (!row) return null;
        const readable = await readableRecordIds(ctx, target.metadata, fromRecords(target, [row]));
        return { item: mailItem(target, row, readable), removed: false };
      });
    },
  };
}
