import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { scheduleJobs, type ScheduledJob } from '../jobs/index.js';
import { BadInput, decodeTimeCursor, encodeTimeCursor } from '../platform/index.js';

export const mailStatuses = ['QUEUED', 'SENDING', 'SENT', 'FAILED', 'BOUNCED', 'SUPPRESSED'] as const;
export type MailStatus = (typeof mailStatuses)[number];

/** Why a queued message waits while no mail server is configured (SMTP_URL unset). */
export const noSenderReason = 'not sent: no mail server configured';

/** Why a message to an address on its workspace's suppression list is not sent. */
export const suppressedReason = 'not sent: the address is on the suppression list';

/**
 * SQL true when message `m`'s address is on its workspace's suppression list. Account mail
 * that carries a secret link (an invitation, a reset) was asked for by name and is exempt.
 */
export const suppressedSql = (m: string): string =>
  `(not ${m}.secret and exists (select 1 from mail_suppression s
     where s.workspace_id = ${m}.workspace_id and s.address = lower(${m}.to_address)))`;

/** The job that sends one message; its key is the message's, so a message has one pending send. */
export const sendMailTask = 'mail.send';
export const sendJobKey = (messageId: string): string => `mail:${messageId}`;

/**
 * A file to attach. Usually by reference (a file of the record it is sent from, checked when
 * queued): the sender reads its bytes through the files module when it sends, so the outbox holds
 * no copy; a file deleted meanwhile fails the message, saying so. A small file the server makes
 * for the message (a scheduled report's export) travels inline instead, as base64.
 */
export type MailAttachmentRef = { name: string; contentType: string; size: number } & (
  { fileId: string; content?: never } | { content: string; fileId?: never }
);

/** Inline attachments of one message together: they sit in the outbox row. */
export const maxInlineAttachmentBytes = 5 * 1024 * 1024;

/** An attachment carried in the message itself (see MailAttachmentRef). */
export function inlineAttachment(name: string, contentType: string, content: Buffer): MailAttachmentRef {
  return { name, contentType, size: content.length, content: content.toString('base64') };
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
  /** Files of the record it is sent from (see MailAttachmentRef). */
  attachments?: readonly MailAttachmentRef[];
  /** Extra header lines (a campaign's List-Unsubscribe), sent as given. */
  headers?: Record<string, string>;
  /** Not sent before this time (a campaign's throttle); now when not given. */
  sendAt?: Date;
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
  headers: Record<string, string> | null;
  attachments: MailAttachmentRef[];
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
  idempotency_key?: string | null;
  headers: Record<string, string> | null;
  attachments: MailAttachmentRef[] | null;
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
    headers: row.headers,
    attachments: row.attachments ?? [],
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
  };
}

/** The reason a message waits with: none while a server is configured (the send job is due). */
export const waitingReasonSql = `case when coalesce((select configured from mail_transport where id = 1), false)
  then null else '${noSenderReason}' end`;

/**
 * Queues a message and its send job in the caller's transaction (both exist only if the write
 * that caused them commits). Returns the message, or the one queued before under the same key.
 * To an address on the workspace's suppression list it is kept as SUPPRESSED, with no send job.
 */
export async function queueMail(
  em: Pick<EntityManager, 'execute'>,
  message: NewMailMessage,
): Promise<MailMessage> {
  const [queued] = await queueMails(em, [message]);
  return queued!;
}

/**
 * Many messages at once (a campaign's batch): one insert and one job statement, whatever the
 * count. Returns them in the order given (for a repeated key, the one queued before).
 */
export async function queueMails(
  em: Pick<EntityManager, 'execute'>,
  messages: readonly NewMailMessage[],
): Promise<MailMessage[]> {
  if (!messages.length) return [];
  for (const message of messages) {
    const inline = (message.attachments ?? []).reduce((sum, a) => sum + (a.content ? a.size : 0), 0);
    // A caller's mistake, not a user's: callers keep what they attach inline small.
    if (inline > maxInlineAttachmentBytes)
      throw new Error(
        `inline attachments of ${inline} bytes: over the ${maxInlineAttachmentBytes} bytes the outbox carries`,
      );
  }
  const now = new Date();
  const specs = messages.map((message) => ({
    id: randomUUID(),
    workspace_id: message.workspaceId,
    to_address: message.to,
    cc_addresses: message.cc ?? [],
    bcc_addresses: message.bcc ?? [],
    sender_user_id: message.fromRecord?.senderUserId ?? null,
    template_id: message.fromRecord?.templateId ?? null,
    record_id: message.fromRecord?.recordId ?? null,
    timeline_record_ids: message.fromRecord?.timelineRecordIds ?? [],
    subject: message.subject,
    text_body: message.text,
    html_body: message.html ?? null,
    source_rule_id: message.source?.ruleId ?? null,
    source_run_id: message.source?.runId ?? null,
    idempotency_key: message.idempotencyKey ?? null,
    secret: message.secret ?? false,
    headers: message.headers ?? null,
    attachments: message.attachments ?? [],
  }));
  const rows = await em.execute<MailRow[]>(
    `insert into mail_message as m (id, workspace_id, to_address, cc_addresses, bcc_addresses, subject, text_body,
       html_body, status, status_reason, source_rule_id, source_run_id, idempotency_key, secret, headers,
       sender_user_id, template_id, record_id, timeline_record_ids, attachments)
     select x.id, x.workspace_id, x.to_address, x.cc_addresses, x.bcc_addresses, x.subject, x.text_body, x.html_body,
       case when ${suppressedSql('x')} then 'SUPPRESSED' else 'QUEUED' end,
       case when ${suppressedSql('x')} then '${suppressedReason}' else ${waitingReasonSql} end,
       x.source_rule_id, x.source_run_id, x.idempotency_key, x.secret, x.headers,
       x.sender_user_id, x.template_id, x.record_id, x.timeline_record_ids, x.attachments
     from jsonb_to_recordset(?::jsonb) as x (id uuid, workspace_id uuid, to_address text, cc_addresses text[],
       bcc_addresses text[], subject text, text_body text, html_body text, source_rule_id uuid,
       source_run_id uuid, idempotency_key text, secret boolean, headers jsonb, sender_user_id uuid,
       template_id uuid, record_id uuid, timeline_record_ids uuid[], attachments jsonb)
     on conflict (workspace_id, idempotency_key) do nothing returning *`,
    [JSON.stringify(specs)],
  );
  const inserted = new Map(rows.map((row) => [row.id, row]));
  const due = specs.flatMap((spec, i) =>
    inserted.get(spec.id)?.status === 'QUEUED' ? [{ id: spec.id, at: messages[i]!.sendAt ?? now }] : [],
  );
  await scheduleJobs(em, due.length === 1 ? [sendJob(due[0]!.id, due[0]!.at)] : sendBatchJobs(due));
  const missing = specs.filter((spec) => !inserted.has(spec.id));
  const earlier = missing.length
    ? await em.execute<MailRow[]>(
        `select m.* from mail_message m join jsonb_to_recordset(?::jsonb) as k (workspace_id uuid, idempotency_key text)
           on m.workspace_id is not distinct from k.workspace_id and m.idempotency_key = k.idempotency_key`,
        [
          JSON.stringify(
            missing.map(({ workspace_id, idempotency_key }) => ({ workspace_id, idempotency_key })),
          ),
        ],
      )
    : [];
  const byKey = new Map(earlier.map((row) => [`${row.workspace_id}:${row.idempotency_key}`, row]));
  return specs.map((spec) =>
    toMessage(inserted.get(spec.id) ?? byKey.get(`${spec.workspace_id}:${spec.idempotency_key}`)!),
  );
}

/** Messages one batched send job takes (due within the same second, in queueing order). */
export const sendBatchSize = 50;

/**
 * Many messages go in jobs of up to 50 due in the same second: one claim statement, one
 * "sent" statement and one job per batch instead of per message (a campaign's 10,000).
 * A message that fails is retried on its own job, as any other.
 */
function sendBatchJobs(due: readonly { id: string; at: Date }[]): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  let batch: { id: string; at: Date }[] = [];
  const flush = () => {
    if (!batch.length) return;
    jobs.push({
      task: sendMailTask,
      payload: { messageIds: batch.map((m) => m.id) },
      runAt: batch[0]!.at,
      key: `mail:batch:${batch[0]!.id}`,
      maxAttempts: 5,
    });
    batch = [];
  };
  for (const message of due) {
    const second = Math.floor(message.at.getTime() / 1000);
    if (
      batch.length >= sendBatchSize ||
      (batch.length && Math.floor(batch[0]!.at.getTime() / 1000) !== second)
    )
      flush();
    batch.push(message);
  }
  flush();
  return jobs;
}

const sendJob = (id: string, runAt: Date): ScheduledJob => ({
  task: sendMailTask,
  payload: { messageId: id },
  runAt,
  key: sendJobKey(id),
  maxAttempts: 5,
});

/** Our own retries and backoff run the send; graphile's retries only cover a crash or a database error. */
export async function scheduleSend(
  em: Pick<EntityManager, 'execute'>,
  id: string,
  runAt: Date,
): Promise<void> {
  await scheduleJobs(em, [sendJob(id, runAt)]);
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
