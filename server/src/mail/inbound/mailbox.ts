import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../../platform/index.js';

export const mailboxSecurities = ['TLS', 'STARTTLS', 'NONE'] as const;
export type MailboxSecurity = (typeof mailboxSecurities)[number];

/** A workspace's connected IMAP mailbox as stored (the password sealed, see password-box.ts). */
export interface MailboxRow {
  workspace_id: string;
  host: string;
  port: number;
  security: MailboxSecurity;
  username: string;
  password_box: string;
  folder: string;
  create_object_id: string | null;
  connected_by: string | null;
  connected_at: Date | string;
  uid_validity: string | null;
  last_uid: string;
  last_sync_at: Date | string | null;
  last_error: string | null;
  last_error_at: Date | string | null;
}

export async function readMailbox(em: EntityManager, workspaceId: string): Promise<MailboxRow | null> {
  const [row] = await queryRows<MailboxRow>(em, 'select * from mail_mailbox where workspace_id = ?', [
    workspaceId,
  ]);
  return row ?? null;
}

/** After a read: where it stopped (UIDVALIDITY, last UID) and that it worked. */
export async function recordProgress(
  em: EntityManager,
  workspaceId: string,
  uidValidity: string,
  lastUid: number,
): Promise<void> {
  await em.execute(
    `update mail_mailbox set uid_validity = ?,
       last_uid = case when uid_validity is distinct from ? then ? else greatest(last_uid, ?) end
     where workspace_id = ?`,
    [uidValidity, uidValidity, lastUid, lastUid, workspaceId],
  );
}

export async function recordSyncResult(
  em: EntityManager,
  workspaceId: string,
  error: string | null,
): Promise<void> {
  await em.execute(
    error === null
      ? 'update mail_mailbox set last_sync_at = now(), last_error = null, last_error_at = null where workspace_id = ?'
      : 'update mail_mailbox set last_error = ?, last_error_at = now() where workspace_id = ?',
    error === null ? [workspaceId] : [error.slice(0, 1000), workspaceId],
  );
}
