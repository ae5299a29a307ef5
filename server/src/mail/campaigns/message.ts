import type { NewMailMessage } from '../outbox.js';
import { escapeHtml, htmlOfText } from '../templates/layout.js';
import type { CampaignRow } from './model.js';
import { unsubscribePath } from './unsubscribe-page.js';
import { signUnsubscribe } from './unsubscribe-token.js';

export interface Recipient {
  record_id: string;
  address: string;
  position: number;
}

/** The footer inside a whole document's body (a template's layout), else after the fragment. */
const withFooter = (html: string, footer: string): string =>
  /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${footer}</body>`) : `${html}${footer}`;

/** When the throttle lets recipient n (from 1) go: n−1 intervals of 1/rate after the start. */
export function sendTime(campaign: CampaignRow, position: number, startedAt: Date): Date {
  if (!campaign.throttle_messages || !campaign.throttle_interval_ms) return startedAt;
  const spacingMs = campaign.throttle_interval_ms / campaign.throttle_messages;
  return new Date(startedAt.getTime() + Math.floor((position - 1) * spacingMs));
}

/** A recipient's unsubscribe link (signed, valid without signing in). */
export function unsubscribeUrl(key: Buffer, campaign: CampaignRow, recordId: string): string {
  const token = signUnsubscribe(key, { campaignId: campaign.id, recordId });
  return `${campaign.link_base}${unsubscribePath}?token=${token}`;
}

/**
 * One recipient's message: the campaign's subject and body with the unsubscribe link below it,
 * and the RFC 2369 / RFC 8058 headers mail clients show their own "unsubscribe" button for.
 * Keyed by campaign and record: a batch run again queues nothing twice.
 */
export function campaignMessage(
  campaign: CampaignRow,
  recipient: Recipient,
  content: { subject: string; text: string; html: string | null },
  link: string,
  startedAt: Date,
): NewMailMessage {
  const footerText = `\n\n--\nUnsubscribe: ${link}`;
  const footerHtml = `<p style="font-size:12px;color:#666"><a href="${escapeHtml(link)}">Unsubscribe</a></p>`;
  const html = content.html ?? htmlOfText(content.text);
  return {
    workspaceId: campaign.workspace_id,
    to: recipient.address,
    subject: content.subject,
    text: `${content.text}${footerText}`,
    html: withFooter(html, footerHtml),
    idempotencyKey: `campaign:${campaign.id}:${recipient.record_id}`,
    headers: {
      'List-Unsubscribe': `<${link}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    sendAt: sendTime(campaign, recipient.position, startedAt),
  };
}
