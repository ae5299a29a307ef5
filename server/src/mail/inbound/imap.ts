import { ImapFlow } from 'imapflow';
import type { MailboxSecurity } from './mailbox.js';

export interface ImapLogin {
  host: string;
  port: number;
  security: MailboxSecurity;
  username: string;
  password: string;
  folder: string;
}

/** Seconds a server may take to answer before the read gives up (and says so in the status). */
const timeoutMs = 20_000;

/** Logs in, opens the folder (locked for this session), runs `work`, logs out. */
export async function withImapFolder<T>(
  login: ImapLogin,
  work: (client: ImapFlow, uidValidity: string) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow({
    host: login.host,
    port: login.port,
    secure: login.security === 'TLS',
    doSTARTTLS: login.security === 'STARTTLS' ? true : login.security === 'NONE' ? false : undefined,
    auth: { user: login.username, pass: login.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 3,
  });
  // A dropped connection is reported by the command that was waiting; the event must not crash.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock(login.folder);
    try {
      const mailbox = client.mailbox;
      return await work(client, mailbox ? String(mailbox.uidValidity) : '0');
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** The UIDs after `lastUid`, oldest first (`n:*` also names the last message when none is newer). */
export async function newUids(client: ImapFlow, lastUid: number): Promise<number[]> {
  const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
  return (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
}

/** One message's raw source by UID, or null when it was expunged meanwhile. */
export async function fetchSource(client: ImapFlow, uid: number): Promise<Buffer | null> {
  const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  return message && message.source ? message.source : null;
}

/** What the status says when a read failed: the server's words where there are some. */
export function describeImapError(
  error: unknown,
  login: Pick<ImapLogin, 'host' | 'port' | 'folder'>,
): string {
  const e = error as {
    message?: string;
    code?: string;
    authenticationFailed?: boolean;
    responseText?: string;
    serverResponseCode?: string;
    mailboxMissing?: boolean;
  };
  const where = `${login.host}:${login.port}`;
  if (e.authenticationFailed)
    return `Login refused by ${where}: ${e.responseText ?? 'authentication failed'} (check the user name and password)`;
  if (e.code === 'ECONNREFUSED') return `Cannot connect to ${where}: connection refused`;
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `Cannot find the host ${login.host}`;
  if (e.code === 'ETIMEDOUT' || e.code === 'CONNECT_TIMEOUT' || e.code === 'GREETING_TIMEOUT')
    return `${where} did not answer in time`;
  if (
    e.serverResponseCode === 'NONEXISTENT' ||
    e.mailboxMissing ||
    /mailbox|folder/i.test(e.responseText ?? '')
  )
    return `The folder "${login.folder}" cannot be opened: ${e.responseText ?? e.message ?? 'not found'}`;
  if (e.code && /^ERR_TLS|CERT|SSL/.test(e.code)) return `TLS with ${where} failed: ${e.message ?? e.code}`;
  return `Reading ${where} failed: ${e.responseText ?? e.message ?? String(error)}`;
}
