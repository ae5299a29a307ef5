import type { EntityManager } from '@mikro-orm/postgresql';
import { suppressAddresses } from './campaigns/suppression.js';

/** A message the recipient's server refused for good or for now, by whom it was found. */
export interface Bounce {
  /** The outbox message. */
  mailId: string;
  /** The enhanced status code (5.1.1) or the SMTP reply code (550) it was refused with. */
  status: string;
  /** 5.x.x (or 5xx): permanent, the address is suppressed; 4.x.x: only marked. */
  hard: boolean;
  /** What the server said (the DSN's Diagnostic-Code, the SMTP answer). */
  answer: string;
}

export interface BouncedMail {
  mailId: string;
  workspaceId: string | null;
  campaignId: string | null;
  address: string;
  /** It was already BOUNCED (a second report): nothing changed. */
  repeated: boolean;
}

/** True for a permanent failure: enhanced status 5.x.x or reply code 5xx. */
export const isHardBounce = (status: string): boolean => /^5/.test(status.trim());

/**
 * Marks a message BOUNCED with why (its campaign recipient reads BOUNCED from it) and, for a
 * hard bounce, puts its address on the workspace's suppression list, so no later send (a
 * campaign's or any other) goes to it. Null when no such message (or not in `workspaceId`).
 */
export async function recordBounce(
  em: Pick<EntityManager, 'execute'>,
  bounce: Bounce,
  workspaceId?: string,
): Promise<BouncedMail | null> {
  const [row] = await em.execute<
    { workspace_id: string | null; to_address: string; campaign_id: string | null; was: string }[]
  >(
    `update mail_message m set status = 'BOUNCED', status_reason = ?
     from mail_message o left join mail_campaign_recipient r on r.message_id = o.id
     where m.id = ? and o.id = m.id ${workspaceId ? 'and m.workspace_id = ?' : ''}
     returning m.workspace_id, m.to_address, r.campaign_id, o.status as was`,
    [
      `${bounce.hard ? 'bounced' : 'soft bounce'} (${bounce.status}): ${bounce.answer}`.slice(0, 1000),
      bounce.mailId,
      ...(workspaceId ? [workspaceId] : []),
    ],
  );
  if (!row) return null;
  if (bounce.hard && row.workspace_id)
    await suppressAddresses(em, row.workspace_id, [row.to_address], {
      reason: 'BOUNCED',
      campaignId: row.campaign_id,
    });
  return {
    mailId: bounce.mailId,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    address: row.to_address,
    repeated: row.was === 'BOUNCED',
  };
}
