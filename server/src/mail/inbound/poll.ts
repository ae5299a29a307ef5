import type { EntityManager } from '@mikro-orm/postgresql';
import { scheduleJobs, type JobTasks } from '../../jobs/index.js';
import type { InboundSettings } from '../../platform/index.js';
import { forwardingAddress } from './address.js';
import type { InboundDeps } from './deps.js';
import { describeImapError, fetchSource, newUids, withImapFolder, type ImapLogin } from './imap.js';
import { logInboundMail } from './log.js';
import { readMailbox, recordProgress, recordSyncResult, type MailboxRow } from './mailbox.js';
import { openPassword } from './password-box.js';

/** The recurring read of one workspace's mailbox; its key keeps one pending read per mailbox. */
export const pollTask = 'mail.inbound.poll';
export const pollJobKey = (workspaceId: string): string => `mail-inbound:${workspaceId}`;

/** Messages taken per read: a full mailbox is worked through in several reads, each resumable. */
const batchSize = 100;

/** The next read of the mailbox at `runAt` (now for "sync now" and a mailbox with more to read). */
export async function schedulePoll(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  runAt: Date,
): Promise<void> {
  await scheduleJobs(em, [
    { task: pollTask, payload: { workspaceId }, runAt, key: pollJobKey(workspaceId), maxAttempts: 3 },
  ]);
}

export function inboundTasks(deps: InboundDeps): JobTasks {
  return {
    [pollTask]: async (payload) => {
      const { workspaceId } = payload as { workspaceId: string };
      await pollMailbox(deps, workspaceId);
    },
  };
}

/** The stored login, or why it cannot be used. */
export function loginOf(settings: InboundSettings, mailbox: MailboxRow): ImapLogin | string {
  const key = settings.secretKey;
  if (!key) return 'MAIL_SECRET_KEY is not set on the process reading the mailbox';
  const password = openPassword(key, mailbox.password_box);
  if (password === null)
    return 'The stored password cannot be opened (MAIL_SECRET_KEY changed): connect the mailbox again';
  return { ...mailbox, password };
}

/**
 * Reads the messages that arrived since the last read (by UID, starting over when the
 * folder's UIDVALIDITY changed), logs each, remembers each UID as it goes, records the
 * outcome in the mailbox's status and schedules the next read. A disconnected mailbox stops.
 */
export async function pollMailbox(deps: InboundDeps, workspaceId: string): Promise<void> {
  const em = deps.orm.em.fork();
  const mailbox = await readMailbox(em, workspaceId);
  if (!mailbox) return;
  const login = loginOf(deps.settings, mailbox);
  let more = false;
  let error: string | null = typeof login === 'string' ? login : null;
  if (typeof login !== 'string') {
    const own = [await forwardingAddress(em, workspaceId, deps.settings.domain), mailbox.username];
    try {
      more = await withImapFolder(login, async (client, uidValidity) => {
        const from = mailbox.uid_validity === uidValidity ? Number(mailbox.last_uid) : 0;
        const uids = await newUids(client, from);
        for (const uid of uids.slice(0, batchSize)) {
          const raw = await fetchSource(client, uid);
          if (raw)
            await logInboundMail(deps, {
              workspaceId,
              raw,
              via: 'IMAP',
              actorId: mailbox.connected_by ?? '',
              createObjectId: mailbox.connected_by ? mailbox.create_object_id : null,
              ownAddresses: own.filter((a): a is string => !!a && a.includes('@')),
            });
          await recordProgress(em, mailbox, uidValidity, uid);
        }
        if (!uids.length) await recordProgress(em, mailbox, uidValidity, from);
        return uids.length > batchSize;
      });
    } catch (failure) {
      error = describeImapError(failure, login);
      deps.logger.warn({ workspaceId, error }, 'mailbox read failed');
    }
  }
  await recordSyncResult(em, mailbox, { error, read: true });
  const still = await readMailbox(em, workspaceId);
  if (still)
    await schedulePoll(em, workspaceId, new Date(Date.now() + (more ? 0 : deps.settings.pollSeconds * 1000)));
}

/** Logs in and opens the folder with `login`, reading nothing: null when it works, else why not. */
export async function tryLogin(login: ImapLogin): Promise<string | null> {
  try {
    await withImapFolder(login, async () => undefined);
    return null;
  } catch (failure) {
    return describeImapError(failure, login);
  }
}
