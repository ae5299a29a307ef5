import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BadInput,
  decodeTimeCursor,
  encodeTimeCursor,
  queryRows,
  writtenSince,
} from '../../platform/index.js';

/** A received message as the API and the timeline show it. */
export interface InboundMessage {
  id: string;
  messageId: string;
  via: 'IMAP' | 'HTTP';
  fromAddress: string | null;
  fromName: string | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  sentAt: Date | null;
  receivedAt: Date;
  /** The outbox message it answers, when we sent it (In-Reply-To / References). */
  replyToMailId: string | null;
  replyToSubject: string | null;
  records: { objectId: string; recordId: string; created: boolean }[];
}

export interface InboundRow {
  id: string;
  message_id: string;
  via: 'IMAP' | 'HTTP';
  from_address: string | null;
  from_name: string | null;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string;
  text_body: string;
  sent_at: Date | string | null;
  received_at: Date | string;
  reply_to_mail_id: string | null;
  reply_to_subject: string | null;
  records: { objectId: string; recordId: string; created: boolean }[];
}

export const selectInbound = `select i.*, m.subject as reply_to_subject,
    coalesce((select json_agg(json_build_object('objectId', r.object_id, 'recordId', r.record_id, 'created', r.created))
      from mail_inbound_record r where r.inbound_id = i.id), '[]') as records
  from mail_inbound i left join mail_message m on m.id = i.reply_to_mail_id`;

export function toInbound(row: InboundRow): InboundMessage {
  return {
    id: row.id,
    messageId: row.message_id,
    via: row.via,
    fromAddress: row.from_address,
    fromName: row.from_name,
    to: row.to_addresses,
    cc: row.cc_addresses,
    subject: row.subject,
    text: row.text_body,
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    receivedAt: new Date(row.received_at),
    replyToMailId: row.reply_to_mail_id,
    replyToSubject: row.reply_to_subject,
    records: row.records,
  };
}

export const inboundCursor = (mail: InboundMessage): string => encodeTimeCursor(mail.receivedAt, mail.id);

export const maxInboundPage = 200;

/**
 * A page of received messages, newest first: the workspace's, or those logged on one record.
 */
export async function pageInbound(
  em: EntityManager,
  workspaceId: string,
  args: { first: number; after: string | null; recordId?: string },
): Promise<{ nodes: InboundMessage[]; hasNextPage: boolean; endCursor: string | null }> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxInboundPage)
    throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxInboundPage}.`);
  const cursor = args.after ? decodeTimeCursor(args.after) : null;
  const rows = await queryRows<InboundRow>(
    em,
    `${selectInbound} where i.workspace_id = ?
       ${args.recordId ? 'and i.id in (select inbound_id from mail_inbound_record where workspace_id = ? and record_id = ?)' : ''}
       ${cursor ? 'and (i.received_at, i.id) < (?::timestamptz, ?::uuid)' : ''}
     order by i.received_at desc, i.id desc limit ?`,
    [
      workspaceId,
      ...(args.recordId ? [workspaceId, args.recordId] : []),
      ...(cursor ? [cursor.at, cursor.id] : []),
      args.first + 1,
    ],
  );
  const nodes = rows.slice(0, args.first).map(toInbound);
  const last = nodes[nodes.length - 1];
  return { nodes, hasNextPage: rows.length > args.first, endCursor: last ? inboundCursor(last) : null };
}

/** The ids of the messages logged on a record after a snapshot (a `changeCursor`), oldest first. */
export async function inboundLoggedSince(
  em: EntityManager,
  workspaceId: string,
  recordId: string,
  snapshot: string,
): Promise<string[]> {
  const rows = await queryRows<{ inbound_id: string }>(
    em,
    `select r.inbound_id from mail_inbound_record r join mail_inbound i on i.id = r.inbound_id
     where r.workspace_id = ? and r.record_id = ? and ${writtenSince('r.changed_xid')}
     order by i.received_at, i.id`,
    [workspaceId, recordId, snapshot],
  );
  return rows.map((row) => row.inbound_id);
}

export async function readInbound(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<InboundMessage | null> {
  const [row] = await queryRows<InboundRow>(em, `${selectInbound} where i.workspace_id = ? and i.id = ?`, [
    workspaceId,
    id,
  ]);
  return row ? toInbound(row) : null;
}
