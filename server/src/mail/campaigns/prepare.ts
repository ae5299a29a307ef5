import type { EntityManager } from '@mikro-orm/postgresql';
import { loadMetadata, type WorkspaceMetadata } from '../../metadata/index.js';
import { AppError } from '../../platform/index.js';
import { renderMailTemplate } from '../templates/render.js';
import { campaignContent, unsubscribeUrl, type CampaignContent } from './message.js';
import type { CampaignRow } from './model.js';
import { signingKey } from './unsubscribe-token.js';

/** A claimed outbox message as the sender holds it, with its campaign recipient when it has one. */
export interface ClaimedCampaignMail {
  id: string;
  workspace_id: string | null;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: Record<string, string> | null;
  campaign_id: string | null;
  campaign_record_id: string | null;
}

/**
 * Renders the campaign messages among those claimed that were queued without a body (queueing
 * writes none, so 10,000 are queued in a few statements): the template or the campaign's text
 * for the recipient, the unsubscribe link and headers. Stores what will be sent (the outbox
 * shows it) and fills the rows in. Returns why each one that cannot be rendered (its template
 * broken or deleted since) is not sent.
 */
export async function prepareCampaignMail(
  em: EntityManager,
  claimed: ClaimedCampaignMail[],
): Promise<Map<string, string>> {
  const failed = new Map<string, string>();
  const due = claimed.filter((m) => m.campaign_id && m.campaign_record_id && m.headers === null);
  if (!due.length) return failed;
  const campaigns = new Map(
    (
      await em.execute<CampaignRow[]>('select * from mail_campaign where id = any(?::uuid[])', [
        `{${[...new Set(due.map((m) => m.campaign_id!))].join(',')}}`,
      ])
    ).map((c) => [c.id, c]),
  );
  const key = await signingKey(em);
  const metadata = new Map<string, Promise<WorkspaceMetadata>>();
  const rendered: (CampaignContent & { id: string })[] = [];
  for (const message of due) {
    const campaign = campaigns.get(message.campaign_id!)!;
    const link = unsubscribeUrl(key, campaign, message.campaign_record_id!);
    try {
      if (campaign.template_id && !metadata.has(campaign.workspace_id))
        metadata.set(campaign.workspace_id, loadMetadata(em, campaign.workspace_id));
      const content = campaign.template_id
        ? await renderMailTemplate(em, {
            workspaceId: campaign.workspace_id,
            templateId: campaign.template_id,
            recordId: message.campaign_record_id!,
            senderUserId: campaign.created_by,
            extra: { unsubscribe_url: link },
            metadata: await metadata.get(campaign.workspace_id)!,
          })
        : { subject: campaign.subject, text: campaign.text_body, html: null };
      const prepared = campaignContent(content, link);
      Object.assign(message, {
        subject: prepared.subject,
        text_body: prepared.text,
        html_body: prepared.html,
        headers: prepared.headers,
      });
      rendered.push({ id: message.id, ...prepared });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.set(message.id, `not sent: its message cannot be rendered: ${error.message}`);
    }
  }
  if (rendered.length)
    await em.execute(
      `update mail_message m set subject = r.subject, text_body = r.text, html_body = r.html, headers = r.headers
       from jsonb_to_recordset(?::jsonb) as r (id uuid, subject text, text text, html text, headers jsonb)
       where m.id = r.id`,
      [JSON.stringify(rendered)],
    );
  return failed;
}
