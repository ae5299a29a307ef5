import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { scheduleJobs } from '../jobs/index.js';
import { BadInput, decodeTimeCursor, encodeTimeCursor } from '../platform/index.js';
import { pgArrayLiteral } from '../records/index.js';

export const mailStatuses = ['QUEUED', 'SENDING', 'SENT', 'FAILED', 'BOUNCED'] as const;
export type MailStatus = (typeof mailStatuses)[number];

/** Why a queued message waits while no mail server is configured (SMTP_URL unset). */
export const noSenderReason = 'not sent: no mail server configured';

/** The job that sends one message; its key is the message's, so a message has one pending send. */
export const sendMailTask = 'mail.send';
export const sendJobKey = (messageId: string): string => `mail:${messageId}`;

/**
 * A file to attach, by reference. The seam for the files module: until it exists every list is
 * empty (queueMail refuses others); then the sender reads each file when it sends.
 */
export interface MailAttachmentRef {
  fileId: string;
  filename: string;
}

export interface NewMailMessage {
  /** Null for account mail that belongs to no workspace (a password reset). */
  workspaceId: string | null;
  to: string;
  cc?: readonly string[];
  bcc?: readonly string[];
  subject: string;
  text: string;
  html?: string | null;
  /** What asked for it (an automation rule's run), for the history. */
  source?: { ruleId?: string; runId?: string };
  /** The same key twice in a workspace queues one message: a step run again sends nothing twice. */
  idempotencyKey?: string;
  /** It carries a secret (a reset link): its body is cleared once sent, and never listed. */
  secret?: boolean;
  /** Sent from a record: by whom, with which template, and the records whose timelines show it. */
  fromRecord?: {
    recordId: string;
    senderUserId: string;
    templateId: string | null;
    timelineRecordIds: string[];
  };
  /** Empty until the files module exists (see MailAttachmentRef). */
  attachments?: readonly MailAttachmentRef[];
}

export interface MailMessage {
  id: string;
  workspaceId: string | null;
  to: string;
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  status: MailStatus;
  /** Why it waits or failed (the server's answer), or the server's answer when sent. */
  statusReason: string | null;
  attempts: number;
  /** The Message-ID the server accepted it under. */
  serverMessageId: string | null;
  secret: boolean;
  sourceRuleId: string | null;
  sourceRunId: string | null;
  senderUserId: string | null;
  templateId: string | null;
  recordId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface MailRow {
  id: string;
  workspace_id: string | null;
  to_address: string;
  cc_addresses: string[];
  bcc_addresses: string[];
  subject: string;
  text_body: string;
  html_body: string | null;
  status: MailStatus;
  status_reason: string | null;
  attempts: number;
  server_message_id: string | null;
  secret: boolean;
  source_rule_id: string | null;
  source_run_id: string | null;
  sender_user_id: string | null;
  template_id: string | null;
  record_id: string | null;
  timeline_record_ids: string[];
  // Raw queries hand timestamps over as text.
  created_at: Date | string;
  sent_at: Date | string | null;
}

export function toMessage(row: MailRow): MailMessage {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    to: row.to_address,
    cc: row.cc_addresses ?? [],
    bcc: row.bcc_addresses ?? [],
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status,
    statusReason: row.status_reason,
    attempts: row.attempts,
    serverMessageId: row.server_message_id,
    secret: row.secret,
    sourceRuleId: row.source_rule_id,
    sourceRunId: row.source_run_id,
    senderUserId: row.sender_user_id,
    templateId: row.template_id,
    recordId: row.record_id,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
  };
}

/** The reason a message waits with: none while a server is configured (the send job is due). */
const waitingReason = `case when coalesce((select configured from mail_transport where id = 1), false)
  then null else '${noSenderReason}' end`;

/**
 * Queues a message and its send job in the caller's transaction (both exist only if the write
 * that caused them commits). Returns the message, or the one queued before under the same key.
 */
export async function queueMail(
  em: Pick<EntityManager, 'execute'>,
  message: NewMailMessage,
): Promise<MailMessage> {
  const key = message.idempotencyKey ?? null;
  if (message.attachments?.length)
    throw new BadInput(['input', 'attachments'], 'attachments: not supported until files can be stored.');
  const fromRecord = message.fromRecord;
  const [row] = await em.execute<MailRow[]>(
    `insert into mail_message (id, workspace_id, to_address, cc_addresses, bcc_addresses, subject, text_body,
       html_body, status, status_reason, source_rule_id, source_run_id, idempotency_key, secret,
       sender_user_id, template_id, record_id, timeline_record_ids)
     values (?, ?, ?, ?::text[], ?::text[], ?, ?, ?, 'QUEUED', ${waitingReason}, ?, ?, ?, ?, ?, ?, ?, ?::uuid[])
     on conflict (workspace_id, idempotency_key) do nothing returning *`,
    [
      randomUUID(),
      message.workspaceId,
      message.to,
      pgArrayLiteral(message.cc ?? []),
      pgArrayLiteral(message.bcc ?? []),
      message.subject,
      message.text,
      message.html ?? null,
      message.source?.ruleId ?? null,
      message.source?.runId ?? null,
      key,
      message.secret ?? false,
      fromRecord?.senderUserId ?? null,
      fromRecord?.templateId ?? null,
      fromRecord?.recordId ?? null,
      pgArrayLiteral(fromRecord?.timelineRecordIds ?? []),
    ],
  );
  if (row) {
    await scheduleSend(em, row.id, new Date());
    return toMessage(row);
  }
  const [earlier] = await em.execute<MailRow[]>(
    'select * from mail_message where workspace_id = ? and idempotency_key = ?',
    [message.workspaceId, key],
  );
  return toMessage(earlier!);
}

/** Our own retries and backoff run the send; graphile's retries only cover a crash or a database error. */
export async function scheduleSend(
  em: Pick<EntityManager, 'execute'>,
  id: string,
  runAt: Date,
): Promise<void> {
  await scheduleJobs(em, [
    { task: sendMailTask, payload: { messageId: id }, runAt, key: sendJobKey(id), maxAttempts: 5 },
  ]);
}

/** A workspace's messages, newest first (what the outbox holds, for tests and an admin view). */
export async function listMail(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  first = 50,
): Promise<MailMessage[]> {
  const rows = await em.execute<MailRow[]>(
    'select * from mail_message where workspace_id = ? order by created_at desc, id desc limit ?',
    [workspaceId, first],
  );
  return rows.map(toMessage);
}

export const maxOutboxPage = 200;

export interface OutboxPage {
  nodes: MailMessage[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A page of a workspace's outbox, newest first, of one status or all. */
export async function pageOutbox(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  args: { first: number; after: string | null; status: MailStatus | null },
): Promise<OutboxPage> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxOutboxPage)
    throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxOutboxPage}.`);
  const cursor = args.after ? decodeTimeCursor(args.after) : null;
  const rows = await em.execute<MailRow[]>(
    `select * from mail_message where workspace_id = ?
       ${args.status ? 'and status = ?' : ''}
       ${cursor ? 'and (created_at, id) < (?::timestamptz, ?::uuid)' : ''}
     order by created_at desc, id desc limit ?`,
    [
      workspaceId,
      ...(args.status ? [args.status] : []),
      ...(cursor ? [cursor.at, cursor.id] : []),
      args.first + 1,
    ],
  );
  const nodes = rows.slice(0, args.first).map(toMessage);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    hasNextPage: rows.length > args.first,
    endCursor: last ? encodeTimeCursor(last.createdAt, last.id) : null,
  };
}
