import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import nodemailer, { type Transporter } from 'nodemailer';
import type { JobTasks } from '../jobs/index.js';
import type { EventBus, Logger, MailSettings } from '../platform/index.js';
import { recordBounce } from './bounces.js';
import { prepareCampaignMail } from './campaigns/prepare.js';
import { publishCampaignChanges } from './campaigns/topics.js';
import { MailCatcher } from './catcher.js';
import { mailIdHeader } from './inbound/bounce-report.js';
import {
  noSenderReason,
  scheduleSend,
  sendMailTask,
  suppressedReason,
  suppressedSql,
  type MailRow,
} from './outbox.js';
import { publishRecordMail } from './topics.js';

export interface MailSender {
  /** Whether a mail server is configured (the start banner says so when not). */
  configured: boolean;
  /** With MAIL_CATCHER=true: what was caught instead of sent. */
  catcher: MailCatcher | null;
  /** For the job queue: the task that sends one message. */
  tasks: JobTasks;
  /** Records in the database whether this deployment sends, so queueing says why mail waits. */
  announce(): Promise<void>;
  close(): void;
}

export interface MailSenderDeps {
  orm: MikroORM;
  logger: Logger;
  settings: MailSettings;
  /** Tells record timelines a message sent from a record changed status. */
  events?: EventBus;
  /** The bytes of an attached file (the files module's); null when it was deleted since. */
  readFile?: (workspaceId: string, fileId: string) => Promise<{ content: Buffer } | null>;
}

type Attachment = { filename: string; contentType: string; content: Buffer };

interface Outgoing extends MailRow {
  sender_name: string | null;
  reply_to: string | null;
  workspace_name: string | null;
  campaign_id: string | null;
  campaign_record_id: string | null;
}

/**
 * A permanent refusal of the recipient (a 5xx answer to RCPT TO, every recipient refused):
 * a hard bounce, not worth retrying. A 5xx to anything else (authentication, the content) is not
 * the address's fault and is retried as any failure.
 */
function permanentRefusal(error: unknown): string | null {
  const smtp = error as { code?: string; command?: string; responseCode?: number };
  const refused =
    smtp.code === 'EENVELOPE' &&
    /RCPT/i.test(smtp.command ?? '') &&
    Math.floor((smtp.responseCode ?? 0) / 100) === 5;
  return refused ? String(smtp.responseCode) : null;
}

/** What an SMTP error says: the server's answer when there was one, else the connection's error. */
function serverAnswer(error: unknown): string {
  const smtp = error as { response?: string; message?: string };
  return (smtp.response ?? smtp.message ?? String(error)).slice(0, 1000);
}

export function createMailSender(deps: MailSenderDeps): MailSender {
  const { orm, settings } = deps;
  const logger = deps.logger.child({ module: 'mail' });
  const catcher = settings.catcher ? new MailCatcher() : null;
  // The catcher's transport only renders the message (as JSON), for the /dev/mail page.
  const transport: Transporter | null = catcher
    ? nodemailer.createTransport({ jsonTransport: true })
    : settings.smtpUrl
      ? // Pooled: a campaign's thousands of messages reuse a few connections instead of a
        // handshake each (the URL's own ?pool=false still turns it off).
        nodemailer.createTransport({ url: settings.smtpUrl, pool: true })
      : null;

  /** Sends one claimed message; returns the server's answer when accepted (a failure is recorded here). */
  const sendOne = async (
    message: Outgoing,
  ): Promise<{ id: string; response: string; serverId: string; attempt: number } | null> => {
    const attempt = message.attempts + 1;
    try {
      // Inside the try: a read error of the store is a failed attempt, retried like the server's.
      const attached = await attachmentsOf(message);
      if (typeof attached === 'string') {
        await failForGood(message.id, attempt, attached);
        await announce(message);
        return null;
      }
      const info = (await transport!.sendMail({
        from: { name: message.sender_name ?? message.workspace_name ?? 'CRM', address: settings.from },
        replyTo: message.reply_to ?? undefined,
        to: message.to_address,
        cc: message.cc_addresses?.length ? message.cc_addresses : undefined,
        bcc: message.bcc_addresses?.length ? message.bcc_addresses : undefined,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body ?? undefined,
        attachments: attached.length ? attached : undefined,
        // A bounce report quoting the headers names the message (inbound/bounce-report.ts).
        headers: { ...message.headers, [mailIdHeader]: message.id },
      })) as { messageId: string; response?: string };
      catcher?.add({
        at: new Date(),
        from: `${message.sender_name ?? message.workspace_name ?? 'CRM'} <${settings.from}>`,
        replyTo: message.reply_to,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
      });
      return {
        id: message.id,
        response: info.response ?? 'caught by MAIL_CATCHER',
        serverId: info.messageId,
        attempt,
      };
    } catch (error) {
      const refused = permanentRefusal(error);
      if (refused) {
        const answer = serverAnswer(error);
        logger.warn({ messageId: message.id, answer }, 'mail refused for good: bounced');
        await orm.em.fork().transactional(async (tx) => {
          await tx.execute('update mail_message set attempts = ? where id = ?', [attempt, message.id]);
          await recordBounce(tx, { mailId: message.id, status: refused, hard: true, answer });
        });
      } else await recordFailure(message.id, attempt, serverAnswer(error));
      await announce(message);
      return null;
    }
  };

  /**
   * The attached files' bytes, read when sending (the outbox keeps references). A file deleted
   * since the message was queued fails it for good, saying which: sending it without the file
   * would be a silent drop. Returns that reason instead of the files.
   */
  const attachmentsOf = async (message: Outgoing): Promise<Attachment[] | string> => {
    const files: Attachment[] = [];
    for (const ref of message.attachments ?? []) {
      if (ref.content !== undefined) {
        files.push({
          filename: ref.name,
          contentType: ref.contentType,
          content: Buffer.from(ref.content, 'base64'),
        });
        continue;
      }
      if (!deps.readFile) throw new Error('attachments cannot be read: no file store given to the sender');
      const file = await deps.readFile(message.workspace_id!, ref.fileId);
      if (!file) return `not sent: its attachment ${ref.name} was deleted before it was sent`;
      files.push({ filename: ref.name, contentType: ref.contentType, content: file.content });
    }
    return files;
  };

  const failForGood = async (messageId: string, attempt: number, reason: string): Promise<void> => {
    logger.warn({ messageId, reason }, 'mail not sent');
    await orm.em
      .fork()
      .execute(`update mail_message set status = 'FAILED', status_reason = ?, attempts = ? where id = ?`, [
        reason,
        attempt,
        messageId,
      ]);
  };

  const announce = async (message: Outgoing): Promise<void> => {
    if (deps.events && message.workspace_id && message.timeline_record_ids?.length)
      await publishRecordMail(deps.events, message.workspace_id, message.id, message.timeline_record_ids);
  };

  const recordFailure = async (messageId: string, attempt: number, answer: string): Promise<void> => {
    logger.warn({ messageId, attempt, answer }, 'mail not accepted');
    await orm.em.fork().transactional(async (tx) => {
      if (attempt >= settings.maxAttempts) {
        await tx.execute(
          `update mail_message set status = 'FAILED', status_reason = ?, attempts = ? where id = ?`,
          [answer, attempt, messageId],
        );
        return;
      }
      const retryAt = new Date(Date.now() + settings.retryBaseMs * 2 ** (attempt - 1));
      await tx.execute(
        `update mail_message set status = 'QUEUED', status_reason = ?, attempts = ? where id = ?`,
        [
          `attempt ${attempt} of ${settings.maxAttempts} failed, retrying at ${retryAt.toISOString()}: ${answer}`,
          attempt,
          messageId,
        ],
      );
      await scheduleSend(tx, messageId, retryAt);
    });
  };

  // One message (`messageId`) or a batch of a campaign's (`messageIds`): claimed in one statement,
  // handed to the pooled transport together, the accepted ones recorded in one statement.
  const send: Task = async (payload) => {
    const { messageId, messageIds } = payload as { messageId?: string; messageIds?: string[] };
    const ids = messageIds ?? [messageId!];
    const em = orm.em.fork();
    if (!transport) {
      await em.execute(
        `update mail_message set status_reason = ? where id = any(?::uuid[]) and status = 'QUEUED'`,
        [noSenderReason, `{${ids.join(',')}}`],
      );
      return;
    }
    // An address suppressed since the message was queued (an unsubscribe) is not sent to.
    const claimed = await em.execute<Outgoing[]>(
      `update mail_message m set
         status = case when ${suppressedSql('o')} then 'SUPPRESSED' else 'SENDING' end,
         status_reason = case when ${suppressedSql('o')} then '${suppressedReason}' else m.status_reason end
       from mail_message o
         left join mail_workspace_setting s on s.workspace_id = o.workspace_id
         left join workspace w on w.id = o.workspace_id
         left join mail_campaign_recipient r on r.message_id = o.id
       where m.id = any(?::uuid[]) and o.id = m.id and m.status in ('QUEUED', 'SENDING')
       returning m.*, s.sender_name, s.reply_to, w.name as workspace_name,
         r.campaign_id, r.record_id as campaign_record_id`,
      [`{${ids.join(',')}}`],
    );
    try {
      await sendClaimed(
        em,
        claimed.filter((m) => m.status !== 'SUPPRESSED'),
      );
    } finally {
      await publishCampaignChanges(
        deps.events,
        claimed.map((m) => ({ workspaceId: m.workspace_id, campaignId: m.campaign_id })),
      );
    }
  };

  /** Renders what a campaign left unrendered, sends, and records the accepted ones in one statement. */
  const sendClaimed = async (em: EntityManager, claimed: Outgoing[]): Promise<void> => {
    const unrenderable = await prepareCampaignMail(em, claimed);
    if (unrenderable.size)
      await em.execute(
        `update mail_message m set status = 'FAILED', status_reason = f.reason
         from jsonb_to_recordset(?::jsonb) as f (id uuid, reason text) where m.id = f.id`,
        [JSON.stringify([...unrenderable].map(([id, reason]) => ({ id, reason })))],
      );
    const sent = await Promise.all(claimed.filter((m) => !unrenderable.has(m.id)).map(sendOne));
    const accepted = sent.filter((a) => a !== null);
    if (!accepted.length) return;
    await em.execute(
      `update mail_message m set status = 'SENT', status_reason = a.response, server_message_id = a.server_id,
         attempts = a.attempt, sent_at = now(), text_body = case when m.secret then '' else m.text_body end,
         html_body = case when m.secret then null else m.html_body end
       from jsonb_to_recordset(?::jsonb) as a (id uuid, response text, server_id text, attempt integer)
       where m.id = a.id`,
      [
        JSON.stringify(
          accepted.map((a) => ({
            id: a.id,
            response: a.response,
            server_id: a.serverId,
            attempt: a.attempt,
          })),
        ),
      ],
    );
    const byId = new Map(claimed.map((m) => [m.id, m]));
    for (const a of accepted) await announce(byId.get(a.id)!);
  };

  return {
    configured: transport !== null,
    catcher,
    tasks: { [sendMailTask]: send },
    announce: async () => {
      await orm.em.fork().execute(
        `insert into mail_transport (id, configured) values (1, ?)
         on conflict (id) do update set configured = excluded.configured, updated_at = now()`,
        [transport !== null],
      );
    },
    close: () => transport?.close(),
  };
}
