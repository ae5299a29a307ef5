import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../../platform/index.js';
import { isHardBounce, recordBounce } from '../bounces.js';
import { publishCampaignChanges } from '../campaigns/topics.js';
import type { InboundDeps } from './deps.js';
import type { BounceReport } from './bounce-report.js';

/** What receiving a bounce report did: which message it returned and whether the address is suppressed. */
export interface ReceivedBounce {
  /** The report's own Message-ID. */
  messageId: string | null;
  /** A second report of the same bounce changed nothing. */
  duplicate: boolean;
  bounce: {
    mailId: string;
    address: string;
    status: string;
    hard: boolean;
  };
}

/** The outbox message a report returns: by our header, else by the Message-ID the server accepted. */
async function bouncedMailId(
  em: EntityManager,
  workspaceId: string,
  report: BounceReport,
): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    em,
    `select id from mail_message where workspace_id = ? and (id = ?::uuid or server_message_id = ?)
     order by (id = ?::uuid) desc limit 1`,
    [workspaceId, report.mailId, report.originalMessageId, report.mailId],
  );
  return row?.id ?? null;
}

/**
 * Applies a delivery report of a failure (Action: failed) to the message it returns, in this
 * workspace: BOUNCED, and a 5.x.x status suppresses the address. Null when the report is of
 * something else (delayed, delivered) or names no message of ours: it is then logged as mail.
 */
export async function receiveBounce(
  deps: InboundDeps,
  workspaceId: string,
  report: BounceReport,
  reportMessageId: string | null,
): Promise<ReceivedBounce | null> {
  if (report.action !== 'failed' || !/^[45]/.test(report.status)) return null;
  const bounced = await deps.orm.em.fork().transactional(async (em) => {
    const mailId = await bouncedMailId(em, workspaceId, report);
    if (!mailId) return null;
    const hard = isHardBounce(report.status);
    return recordBounce(em, { mailId, status: report.status, hard, answer: report.answer }, workspaceId);
  });
  if (!bounced) return null;
  deps.logger.info({ workspaceId, mailId: bounced.mailId, status: report.status }, 'bounce received');
  await publishCampaignChanges(deps.events, [bounced]);
  return {
    messageId: reportMessageId,
    duplicate: bounced.repeated,
    bounce: {
      mailId: bounced.mailId,
      address: bounced.address,
      status: report.status,
      hard: isHardBounce(report.status),
    },
  };
}
