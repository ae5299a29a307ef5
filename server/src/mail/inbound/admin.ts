import { requirePermission } from '../../identity/index.js';
import { cancelJobs } from '../../jobs/index.js';
import { activeFields, expectString, loadMetadata } from '../../metadata/index.js';
import { BadInput, queryRows } from '../../platform/index.js';
import { forwardingAddress } from './address.js';
import {
  mailboxSecurities,
  readMailbox,
  recordSyncResult,
  type MailboxRow,
  type MailboxSecurity,
} from './mailbox.js';
import { sealPassword } from './password-box.js';
import { loginOf, pollJobKey, schedulePoll, tryLogin } from './poll.js';
import type { InboundContext } from './services.js';

export interface MailboxInput {
  host: string;
  port: number;
  security: MailboxSecurity;
  username: string;
  /** Omitted when changing other settings of a connected mailbox: the stored one is kept. */
  password: string | null;
  folder: string | null;
  /** The object an unknown sender becomes a record of (`person`, `lead`…); null: none. */
  createObjectKey: string | null;
}

/** The mailbox as admins read it: never the password. */
export interface MailboxView extends Omit<MailboxRow, 'password_box'> {
  create_object_key: string | null;
}

export interface InboundSettingsView {
  forwardingAddress: string | null;
  /** Whether MAIL_SECRET_KEY is set, without which no mailbox can be connected. */
  canConnectMailbox: boolean;
  mailbox: MailboxView | null;
}

async function view(ctx: InboundContext, row: MailboxRow | null): Promise<MailboxView | null> {
  if (!row) return null;
  const { password_box: _sealed, ...rest } = row;
  const [object] = row.create_object_id
    ? await queryRows<{ key: string }>(ctx.em, 'select key from object_def where id = ?', [
        row.create_object_id,
      ])
    : [];
  return { ...rest, create_object_key: object?.key ?? null };
}

export async function inboundSettings(ctx: InboundContext): Promise<InboundSettingsView> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const settings = ctx.services.inboundMail.settings;
  return {
    forwardingAddress: await forwardingAddress(ctx.em, workspaceId, settings.domain),
    canConnectMailbox: !!settings.secretKey,
    mailbox: await view(ctx, await readMailbox(ctx.em, workspaceId)),
  };
}

function hostOf(value: string): string {
  const host = expectString(value, ['input', 'host'], 253).trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$|^\[[0-9a-f:.]+\]$/.test(host))
    throw new BadInput(
      ['input', 'host'],
      'host: must be a host name or an IP address, such as imap.example.com',
    );
  return host;
}

async function createObjectId(
  ctx: InboundContext,
  workspaceId: string,
  key: string | null,
): Promise<string | null> {
  if (!key) return null;
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const object = metadata.objects.find((o) => o.key === key && !o.archivedAt);
  if (!object) throw new BadInput(['input', 'createObjectKey'], `createObjectKey: no object "${key}"`);
  if (!activeFields(object).some((f) => f.type === 'EMAIL'))
    throw new BadInput(
      ['input', 'createObjectKey'],
      `createObjectKey: "${key}" has no e-mail field to hold the sender's address`,
    );
  return object.id;
}

/**
 * Connects (or changes) the workspace's mailbox: checks the input, tries the login, stores
 * the settings with the password sealed and the login's outcome as its status, and schedules
 * the first read now. A refused login is stored too: the status says why, reads retry.
 */
export async function connectMailbox(ctx: InboundContext, input: MailboxInput): Promise<MailboxView> {
  const { workspaceId, caller } = requirePermission(ctx, 'workspace.update');
  const key = ctx.services.inboundMail.settings.secretKey;
  if (!key)
    throw new BadInput(
      ['input', 'password'],
      'password: this server cannot store it: set MAIL_SECRET_KEY (docs/email.md)',
    );
  const host = hostOf(input.host);
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535)
    throw new BadInput(['input', 'port'], 'port: must be a whole number from 1 to 65535');
  if (!mailboxSecurities.includes(input.security))
    throw new BadInput(['input', 'security'], `security: one of ${mailboxSecurities.join(', ')}`);
  const username = expectString(input.username, ['input', 'username'], 320).trim();
  if (!username) throw new BadInput(['input', 'username'], 'username: must not be empty');
  const folder = expectString(input.folder?.trim() || 'INBOX', ['input', 'folder'], 200);
  const existing = await readMailbox(ctx.em, workspaceId);
  let password = input.password ? expectString(input.password, ['input', 'password'], 1000) : null;
  if (!password && existing) {
    const stored = loginOf(ctx.services.inboundMail.settings, existing);
    password = typeof stored === 'string' ? null : stored.password;
  }
  if (!password) throw new BadInput(['input', 'password'], 'password: must not be empty');
  const objectId = await createObjectId(ctx, workspaceId, input.createObjectKey);
  const login = { host, port: input.port, security: input.security, username, password, folder };
  const problem = await tryLogin(login);
  const sameServer =
    existing && existing.host === host && existing.username === username && existing.folder === folder;
  await ctx.em.transactional(async (em) => {
    await em.execute(
      `insert into mail_mailbox (workspace_id, host, port, security, username, password_box, folder,
         create_object_id, connected_by, last_error, last_error_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ?::text is null then null else now() end)
       on conflict (workspace_id) do update set host = excluded.host, port = excluded.port,
         security = excluded.security, username = excluded.username, password_box = excluded.password_box,
         folder = excluded.folder, create_object_id = excluded.create_object_id,
         connected_by = excluded.connected_by, last_error = excluded.last_error,
         last_error_at = excluded.last_error_at, connected_at = now(), generation = mail_mailbox.generation + 1,
         uid_validity = case when ? then mail_mailbox.uid_validity end,
         last_uid = case when ? then mail_mailbox.last_uid else 0 end`,
      [
        workspaceId,
        host,
        input.port,
        input.security,
        username,
        sealPassword(key, password),
        folder,
        objectId,
        caller.user.id,
        problem,
        problem,
        !!sameServer,
        !!sameServer,
      ],
    );
    await schedulePoll(em, workspaceId, new Date());
  });
  return (await view(ctx, await readMailbox(ctx.em, workspaceId)))!;
}

/** Tries the stored login now and records the outcome in the status. */
export async function testMailbox(ctx: InboundContext): Promise<MailboxView> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const mailbox = await connected(ctx, workspaceId);
  const login = loginOf(ctx.services.inboundMail.settings, mailbox);
  const problem = typeof login === 'string' ? login : await tryLogin(login);
  await recordSyncResult(ctx.em, mailbox, { error: problem, read: false });
  return (await view(ctx, await readMailbox(ctx.em, workspaceId)))!;
}

/** Reads the mailbox now instead of at the next scheduled read. */
export async function syncMailbox(ctx: InboundContext): Promise<MailboxView> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const mailbox = await connected(ctx, workspaceId);
  await schedulePoll(ctx.em, workspaceId, new Date());
  return (await view(ctx, mailbox))!;
}

/** Forgets the mailbox and its password; the messages already logged stay. */
export async function disconnectMailbox(ctx: InboundContext): Promise<boolean> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  return ctx.em.transactional(async (em) => {
    const rows = await queryRows(em, 'delete from mail_mailbox where workspace_id = ? returning 1', [
      workspaceId,
    ]);
    await cancelJobs(em, [pollJobKey(workspaceId)]);
    return rows.length > 0;
  });
}

async function connected(ctx: InboundContext, workspaceId: string): Promise<MailboxRow> {
  const mailbox = await readMailbox(ctx.em, workspaceId);
  if (!mailbox)
    throw new BadInput(['mailbox'], 'No mailbox is connected: connect one first (connectMailbox).');
  return mailbox;
}
