import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';
import { simpleParser, type AddressObject } from 'mailparser';

/** What inbound mail keeps of a message (bodies as plain text; attachments are not kept). */
export interface ParsedInbound {
  /** The Message-ID header, or one made from the message's hash when it has none. */
  messageId: string;
  from: { address: string; name: string | null } | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  sentAt: Date | null;
  inReplyTo: string | null;
  /** In-Reply-To and References, the ids this message answers. */
  answers: string[];
}

/** Bodies longer than this are cut: the timeline shows a message, not an archive. */
export const maxTextLength = 100_000;

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((group) => group.value)
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .map((entry) => entry.address?.trim().toLowerCase() ?? '')
    .filter((address) => address.includes('@'));

const ids = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? value.split(/\s+/) : []).map((id) => id.trim()).filter(Boolean);

/**
 * The text part, else the HTML part as text: mailparser leaves `text` empty for an HTML-only
 * multipart/alternative message. HTML longer than this is not converted (it stays unread).
 */
function bodyText(text: string | undefined, html: string | false | undefined): string {
  if (text?.trim() || !html || html.length > 2_000_000) return text ?? '';
  return convert(html, { wordwrap: false, limits: { maxDepth: 100 } });
}

/** Parses a raw RFC 822 message (mailparser: MIME, encodings, charsets, HTML to text). */
export async function parseInbound(raw: Buffer): Promise<ParsedInbound> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const fromEntry = mail.from?.value.find((entry) => entry.address);
  const inReplyTo = ids(mail.inReplyTo)[0] ?? null;
  return {
    messageId: mail.messageId?.trim() || `<${createHash('sha256').update(raw).digest('hex')}@no-message-id>`,
    from: fromEntry?.address
      ? { address: fromEntry.address.trim().toLowerCase(), name: fromEntry.name?.trim() || null }
      : null,
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    subject: (mail.subject ?? '').slice(0, 998),
    text: bodyText(mail.text, mail.html).slice(0, maxTextLength),
    sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    inReplyTo,
    answers: [...new Set([...(inReplyTo ? [inReplyTo] : []), ...ids(mail.references)])],
  };
}
