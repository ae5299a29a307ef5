import type { EntityManager } from '@mikro-orm/postgresql';
import { suppressAddresses } from './suppression.js';
import { signingKey, verifyUnsubscribe } from './unsubscribe-token.js';

export interface UnsubscribeSubject {
  workspaceName: string;
  address: string;
}

interface RecipientRow {
  workspace_id: string;
  workspace_name: string;
  campaign_id: string;
  address: string | null;
}

/** Who a link unsubscribes, or null for a link that is not valid (or whose campaign is gone). */
export async function unsubscribeSubject(
  em: Pick<EntityManager, 'execute'>,
  token: string,
): Promise<(UnsubscribeSubject & { row: RecipientRow }) | null> {
  const target = verifyUnsubscribe(await signingKey(em), token);
  if (!target) return null;
  const [row] = await em.execute<RecipientRow[]>(
    `select c.workspace_id, w.name as workspace_name, c.id as campaign_id, r.address
     from mail_campaign_recipient r join mail_campaign c on c.id = r.campaign_id join workspace w on w.id = c.workspace_id
     where r.campaign_id = ? and r.record_id = ?`,
    [target.campaignId, target.recordId],
  );
  if (!row?.address) return null;
  return { workspaceName: row.workspace_name, address: row.address, row };
}

/**
 * Follows a link (the page's button, or a mail client's RFC 8058 one-click POST): the address
 * joins the workspace's suppression list and the recipient counts as unsubscribed. Again: no-op.
 */
export async function unsubscribe(
  em: EntityManager,
  token: string,
): Promise<(UnsubscribeSubject & { campaign: { workspaceId: string; campaignId: string } }) | null> {
  return em.transactional(async (tx) => {
    const subject = await unsubscribeSubject(tx, token);
    if (!subject) return null;
    const { row } = subject;
    await suppressAddresses(tx, row.workspace_id, [row.address!], {
      reason: 'UNSUBSCRIBED',
      campaignId: row.campaign_id,
    });
    await tx.execute(
      `update mail_campaign_recipient set unsubscribed_at = now()
       where campaign_id = ? and lower(address) = lower(?) and unsubscribed_at is null`,
      [row.campaign_id, row.address],
    );
    return {
      workspaceName: subject.workspaceName,
      address: subject.address,
      campaign: { workspaceId: row.workspace_id, campaignId: row.campaign_id },
    };
  });
}
