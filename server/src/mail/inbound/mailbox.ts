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
  generation: number;
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
  mailbox: Pick<MailboxRow, 'workspace_id' | 'generation'>,
  uidValidity: string,
  lastUid: number,
): Promise<void> {
  await em.execute(
    `update mail_mailbox set uid_validity = ?,
       last_uid = case when uid_validity is distinct from ? then ? else greatest(last_uid, ?) end
     where workspace_id = ? and generation = ?`,
    [uidValidity, uidValidity, lastUid, lastUid, mailbox.workspace_id, mailbox.generation],
  );
}

/** The outcome of a read or a test of the mailbox as it was (`generation`): a newer connect wins. */
export async function recordSyncResult(
  em: EntityManager,
  mailbox: Pick<MailboxRow, 'workspace_id' | 'generation'>,
  outcome: { error: string | null; read: boolean },
): Promise<void> {
  await em.execute(
    `update mail_mailbox set last_error = ?, last_error_at = case when ?::text is null then null else now() end,
       last_sync_at = case when ? then now() else last_sync_at end
     where workspace_id = ? and generation = ?`,
    [
      outcome.error?.slice(0, 1000) ?? null,
      outcome.error,
      outcome.read && !outcome.error,
      mailbox.workspace_id,
      mailbox.generation,
    ],
  );
}
