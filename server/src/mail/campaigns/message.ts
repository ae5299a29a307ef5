import { escapeHtml } from '../../platform/index.js';
import { htmlOfText } from '../templates/layout.js';
import type { CampaignRow } from './model.js';
import { unsubscribePath } from './unsubscribe-page.js';
import { signUnsubscribe } from './unsubscribe-token.js';

/** The footer inside a whole document's body (a template's layout), else after the fragment. */
const withFooter = (html: string, footer: string): string =>
  /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${footer}</body>`) : `${html}${footer}`;

/** A recipient's unsubscribe link (signed, valid without signing in). */
export function unsubscribeUrl(
  key: Buffer,
  campaign: Pick<CampaignRow, 'id' | 'link_base'>,
  recordId: string,
): string {
  const token = signUnsubscribe(key, { campaignId: campaign.id, recordId });
  return `${campaign.link_base}${unsubscribePath}?token=${token}`;
}

export interface CampaignContent {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * One recipient's message: the campaign's subject and body with the unsubscribe link below it,
 * and the RFC 2369 / RFC 8058 headers mail clients show their own "unsubscribe" button for.
 */
export function campaignContent(
  content: { subject: string; text: string; html: string | null },
  link: string,
): CampaignContent {
  const footerText = `\n\n--\nUnsubscribe: ${link}`;
  const footerHtml = `<p style="font-size:12px;color:#666"><a href="${escapeHtml(link)}">Unsubscribe</a></p>`;
  const html = content.html ?? htmlOfText(content.text);
  return {
    subject: content.subject,
    text: `${content.text}${footerText}`,
    html: withFooter(html, footerHtml),
    headers: {
      'List-Unsubscribe': `<${link}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
