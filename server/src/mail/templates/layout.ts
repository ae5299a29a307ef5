import { convert } from 'html-to-text';
import { escapeHtml } from '../../platform/index.js';

/**
 * The responsive frame every template's HTML goes in: one centred column, 600 px at most and
 * the screen's width below that, tables and inline styles only (what mail clients render
 * alike; Outlook ignores max-width, so the table also has width="600").
 */
export function mailLayout(subject: string, bodyHtml: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(subject)}</title>` +
    '<style>@media (max-width: 620px) { .mail-column { width: 100% !important; } }</style></head>' +
    '<body style="margin:0;padding:0;background:#f4f5f7">' +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7">' +
    '<tr><td align="center" style="padding:24px 12px">' +
    '<table role="presentation" class="mail-column" width="600" cellpadding="0" cellspacing="0" ' +
    'style="width:600px;max-width:100%;background:#ffffff;border-radius:6px">' +
    '<tr><td style="padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2328">' +
    bodyHtml +
    '</td></tr></table></td></tr></table></body></html>'
  );
}

/** The plain-text part of an HTML body: paragraphs and line breaks kept, links as "text [url]". */
export function textOfHtml(bodyHtml: string): string {
  return convert(bodyHtml, { wordwrap: 78, selectors: [{ selector: 'img', format: 'skip' }] }).trim();
}

/** Plain text as HTML paragraphs (a message written without a template). */
export function htmlOfText(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
