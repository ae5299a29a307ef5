import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, type RequestContext } from '../identity/index.js';
import { expectEmail } from '../metadata/index.js';
import { BadInput, NotFound, parseId } from '../platform/index.js';
import {
  pageOutbox,
  scheduleSend,
  toMessage,
  type MailMessage,
  type MailRow,
  type MailStatus,
  type OutboxPage,
} from './outbox.js';

export interface WorkspaceSender {
  /** Shown as the sender's name; the workspace's name when unset. */
  senderName: string | null;
  /** Where replies go; none when unset (replies reach MAIL_FROM). */
  replyTo: string | null;
}

export async function workspaceSender(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
): Promise<WorkspaceSender> {
  const [row] = await em.execute<{ sender_name: string | null; reply_to: string | null }[]>(
    'select sender_name, reply_to from mail_workspace_setting where workspace_id = ?',
    [workspaceId],
  );
  return { senderName: row?.sender_name ?? null, replyTo: row?.reply_to ?? null };
}

export async function setWorkspaceSender(
  ctx: RequestContext,
  input: WorkspaceSender,
): Promise<WorkspaceSender> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const senderName = input.senderName?.replace(/[\r\n]+/g, ' ').trim() || null;
  if (senderName && senderName.length > 100)
    throw new BadInput(['input', 'senderName'], 'senderName: at most 100 characters.');
  const replyTo = input.replyTo?.trim() ? expectEmail(input.replyTo, ['input', 'replyTo']) : null;
  await ctx.em.execute(
    `insert into mail_workspace_setting (workspace_id, sender_name, reply_to) values (?, ?, ?)
     on conflict (workspace_id) do update set sender_name = excluded.sender_name, reply_to = excluded.reply_to`,
    [workspaceId, senderName, replyTo],
  );
  return { senderName, replyTo };
}

export function mailOutbox(
  ctx: RequestContext,
  args: { first: number; after: string | null; status: MailStatus | null },
): Promise<OutboxPage> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  return pageOutbox(ctx.em, workspaceId, args);
}

/** Queues a waiting or failed message again, from its first attempt, due now. */
export async function retryMail(ctx: RequestContext, idInput: string): Promise<MailMessage> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const id = parseId('id', idInput);
  return ctx.em.transactional(async (em) => {
    const [row] = await em.execute<MailRow[]>(
      `update mail_message set status = 'QUEUED', attempts = 0, status_reason = null
       where id = ? and workspace_id = ? and status in ('QUEUED', 'FAILED') returning *`,
      [id, workspaceId],
    );
    if (!row) throw new NotFound('A queued or failed message with this id');
    await scheduleSend(em, id, new Date());
    return toMessage(row);
  });
}

/** Marks a sent message bounced, with the bounce's answer (from a bounce report read by hand, for now). */
export async function markMailBounced(
  ctx: RequestContext,
  idInput: string,
  reason: string,
): Promise<MailMessage> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const id = parseId('id', idInput);
  const [row] = await ctx.em.execute<MailRow[]>(
    `update mail_message set status = 'BOUNCED', status_reason = ?
     where id = ? and workspace_id = ? and status = 'SENT' returning *`,
    [reason.slice(0, 1000), id, workspaceId],
  );
  if (!row) throw new NotFound('A sent message with this id');
  return toMessage(row);
}
