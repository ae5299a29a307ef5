import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { activeFields, type ObjectDef, type WorkspaceMetadata } from '../../metadata/index.js';
import { queryRows } from '../../platform/index.js';
import { recordsAnsweredBy } from './answered.js';
import type { InboundDeps } from './deps.js';
import { matchRecordsByEmail, type MatchedRecord } from './match.js';
import { parseInbound, type ParsedInbound } from './parse.js';
import { readBounceReport } from './bounce-report.js';
import { receiveBounce, type ReceivedBounce } from './bounce.js';
import { inboundTopic } from './topics.js';

export interface ReceivedMail {
  workspaceId: string;
  raw: Buffer;
  via: 'IMAP' | 'HTTP';
  /** Who records made for unknown senders are written as (the mailbox's connector, the token's user). */
  actorId: string;
  /** The object an unknown sender becomes a record of; none: unknown senders are only stored. */
  createObjectId: string | null;
  /** The workspace's own addresses (forwarding address, mailbox login): never matched. */
  ownAddresses: readonly string[];
}

export interface LoggedMail {
  inboundId: string;
  messageId: string;
  /** The same Message-ID was logged before in this workspace: nothing new was written. */
  duplicate: boolean;
  records: { objectId: string; recordId: string; created: boolean }[];
  replyToMailId: string | null;
}

/**
 * Logs one received message in one transaction (a bounce report of ours: see bounce.ts): stored once per Message-ID, linked to every
 * record whose e-mail fields hold one of its addresses (and to a new record for an unknown
 * sender when asked), tied to the sent message it answers, and EMAIL_RECEIVED fired on each
 * record. Subscribers hear of it after commit.
 */
export async function logInboundMail(
  deps: InboundDeps,
  mail: ReceivedMail,
): Promise<LoggedMail | ReceivedBounce> {
  const parsed = await parseInbound(mail.raw);
  // A bounce report of a message we sent marks it (and suppresses the address) instead.
  const report = await readBounceReport(mail.raw);
  const bounce = report && (await receiveBounce(deps, mail.workspaceId, report, parsed.messageId));
  if (bounce) return bounce;
  const afterCommit: (() => Promise<void>)[] = [];
  const logged = await deps.orm.em.fork().transactional(async (em) => {
    const inboundId = randomUUID();
    const replyToMailId = await sentMessageAnswered(em, mail.workspaceId, parsed.answers);
    const [inserted] = await queryRows<{ id: string }>(
      em,
      `insert into mail_inbound (id, workspace_id, message_id, via, from_address, from_name, to_addresses,
         cc_addresses, subject, text_body, sent_at, in_reply_to, reply_to_mail_id)
       values (?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?, ?, ?, ?)
       on conflict (workspace_id, message_id) do nothing returning id`,
      [
        inboundId,
        mail.workspaceId,
        parsed.messageId,
        mail.via,
        parsed.from?.address ?? null,
        parsed.from?.name ?? null,
        parsed.to,
        parsed.cc,
        parsed.subject,
        parsed.text,
        parsed.sentAt,
        parsed.inReplyTo,
        replyToMailId,
      ],
    );
    if (!inserted) return earlier(em, mail.workspaceId, parsed.messageId);
    const metadata = await deps.metadataCache.get(em, mail.workspaceId);
    if (!metadata)
      return { inboundId, messageId: parsed.messageId, duplicate: false, records: [], replyToMailId };
    const own = new Set(mail.ownAddresses.map((a) => a.toLowerCase()));
    const addresses = [parsed.from?.address, ...parsed.to, ...parsed.cc].filter(
      (a): a is string => !!a && !own.has(a),
    );
    const matched: (MatchedRecord & { created: boolean })[] = (
      await matchRecordsByEmail(em, metadata, addresses)
    ).map((m) => ({ ...m, created: false }));
    const newcomer = await recordForUnknownSender(deps, em, metadata, mail, parsed, matched, afterCommit);
    if (newcomer) matched.push({ ...newcomer, created: true });
    for (const m of matched) {
      await em.execute(
        `insert into mail_inbound_record (inbound_id, workspace_id, object_id, record_id, created)
         values (?, ?, ?, ?, ?) on conflict do nothing`,
        [inboundId, mail.workspaceId, m.object.id, m.recordId, m.created],
      );
      await deps.fireTrigger(em, {
        workspaceId: mail.workspaceId,
        trigger: 'EMAIL_RECEIVED',
        objectKey: m.object.key,
        recordId: m.recordId,
        eventId: inboundId,
      });
    }
    if (replyToMailId)
      await deps.replyLogged(em, {
        workspaceId: mail.workspaceId,
        recordIds: await recordsAnsweredBy(em, inboundId),
        eventId: inboundId,
      });
    return {
      inboundId,
      messageId: parsed.messageId,
      duplicate: false,
      records: matched.map((m) => ({ objectId: m.object.id, recordId: m.recordId, created: m.created })),
      replyToMailId,
    };
  });
  for (const task of afterCommit) await task();
  if (!logged.duplicate)
    for (const record of logged.records)
      await deps.events.publish('mail.inbound', inboundTopic(mail.workspaceId, record.recordId), {
        inboundId: logged.inboundId,
      });
  return logged;
}

/** The outbox message this one answers (In-Reply-To first, then References), if we sent it. */
async function sentMessageAnswered(
  em: EntityManager,
  workspaceId: string,
  answers: readonly string[],
): Promise<string | null> {
  if (!answers.length) return null;
  const rows = await queryRows<{ id: string; server_message_id: string }>(
    em,
    'select id, server_message_id from mail_message where workspace_id = ? and server_message_id = any(?::text[])',
    [workspaceId, answers],
  );
  for (const id of answers) {
    const row = rows.find((r) => r.server_message_id === id);
    if (row) return row.id;
  }
  return null;
}

async function earlier(em: EntityManager, workspaceId: string, messageId: string): Promise<LoggedMail> {
  const [row] = await queryRows<{ id: string; reply_to_mail_id: string | null }>(
    em,
    'select id, reply_to_mail_id from mail_inbound where workspace_id = ? and message_id = ?',
    [workspaceId, messageId],
  );
  const links = await queryRows<{ object_id: string; record_id: string; created: boolean }>(
    em,
    'select object_id, record_id, created from mail_inbound_record where inbound_id = ?',
    [row!.id],
  );
  return {
    inboundId: row!.id,
    messageId,
    duplicate: true,
    records: links.map((l) => ({ objectId: l.object_id, recordId: l.record_id, created: l.created })),
    replyToMailId: row!.reply_to_mail_id,
  };
}

/**
 * A new record of the chosen object for a sender no record knows (name from the display
 * name, e-mail in the object's first e-mail field); never for a member of the workspace,
 * whose own mail is BCC'd in. A refused create (another required field) is logged and skipped.
 */
async function recordForUnknownSender(
  deps: InboundDeps,
  em: EntityManager,
  metadata: WorkspaceMetadata,
  mail: ReceivedMail,
  parsed: ParsedInbound,
  matched: readonly MatchedRecord[],
  afterCommit: (() => Promise<void>)[],
): Promise<{ object: ObjectDef; recordId: string; address: string } | null> {
  const from = parsed.from?.address;
  if (!from || !mail.createObjectId || matched.some((m) => m.address === from)) return null;
  const object = metadata.objects.find((o) => o.id === mail.createObjectId && !o.archivedAt);
  const emailField = object && activeFields(object).find((f) => f.type === 'EMAIL');
  if (!object || !emailField) return null;
  const [member] = await queryRows(
    em,
    'select 1 from app_user u join membership m on m.user_id = u.id where m.workspace_id = ? and u.email = ?',
    [mail.workspaceId, from],
  );
  if (member) return null;
  const labelField = activeFields(object).find((f) => f.id === object.labelFieldId);
  const input: Record<string, unknown> = { [emailField.key]: from };
  if (labelField && labelField.id !== emailField.id && labelField.type === 'TEXT')
    input[labelField.key] = parsed.from?.name ?? from;
  try {
    const row = await em.transactional((inner) =>
      deps.records().create(
        {
          em: inner,
          metadata,
          actorId: mail.actorId,
          deferAfterCommit: (task) => void afterCommit.push(task),
        },
        object,
        input,
      ),
    );
    return { object, recordId: row.id, address: from };
  } catch (error) {
    deps.logger.warn(
      { err: error, object: object.key },
      'inbound mail: could not create a record for the sender',
    );
    return null;
  }
}
