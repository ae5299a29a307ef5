import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

export const mailStatuses = ['QUEUED', 'SENDING', 'SENT', 'FAILED'] as const;
export type MailStatus = (typeof mailStatuses)[number];

/** Why a queued message waits: no sender exists yet (the e-mail issue adds one). */
export const noSenderReason = 'not sent: no mail server configured';

export interface NewMailMessage {
  workspaceId: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** What asked for it (an automation rule's run), for the history. */
  source?: { ruleId?: string; runId?: string };
  /** The same key twice in a workspace queues one message: a step run again sends nothing twice. */
  idempotencyKey?: string;
}

export interface MailMessage {
  id: string;
  workspaceId: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  status: MailStatus;
  statusReason: string | null;
  sourceRuleId: string | null;
  sourceRunId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

interface MailRow {
  id: string;
  workspace_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: MailStatus;
  status_reason: string | null;
  source_rule_id: string | null;
  source_run_id: string | null;
  // Raw queries hand timestamps over as text.
  created_at: Date | string;
  sent_at: Date | string | null;
}

function toMessage(row: MailRow): MailMessage {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status,
    statusReason: row.status_reason,
    sourceRuleId: row.source_rule_id,
    sourceRunId: row.source_run_id,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
  };
}

/**
 * Queues a message in the caller's transaction (it exists only if the write that caused it
 * commits). Returns the message, or the one queued before under the same idempotency key.
 */
export async function queueMail(
  em: Pick<EntityManager, 'execute'>,
  message: NewMailMessage,
): Promise<MailMessage> {
  const key = message.idempotencyKey ?? null;
  const [row] = await em.execute<MailRow[]>(
    `insert into mail_message (id, workspace_id, to_address, subject, text_body, html_body, status, status_reason,
       source_rule_id, source_run_id, idempotency_key)
     values (?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?)
     on conflict (workspace_id, idempotency_key) do nothing returning *`,
    [
      randomUUID(),
      message.workspaceId,
      message.to,
      message.subject,
      message.text,
      message.html ?? null,
      noSenderReason,
      message.source?.ruleId ?? null,
      message.source?.runId ?? null,
      key,
    ],
  );
  if (row) return toMessage(row);
  const [earlier] = await em.execute<MailRow[]>(
    'select * from mail_message where workspace_id = ? and idempotency_key = ?',
    [message.workspaceId, key],
  );
  return toMessage(earlier!);
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
