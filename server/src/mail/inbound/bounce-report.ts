import { simpleParser } from 'mailparser';

/** The header our sender puts on every message: a bounce report quoting it names the message. */
export const mailIdHeader = 'X-CRM-Mail-Id';

/** What a delivery status notification (RFC 3464) says about the message it returns. */
export interface BounceReport {
  /** Our outbox id, from the quoted X-CRM-Mail-Id header. */
  mailId: string | null;
  /** The quoted original's Message-ID (what the SMTP server accepted it under). */
  originalMessageId: string | null;
  /** Final-Recipient's address. */
  recipient: string | null;
  /** Action: failed, delayed, delivered, relayed, expanded. */
  action: string;
  /** The enhanced status code, 5.1.1. */
  status: string;
  /** Diagnostic-Code, or the status when there is none. */
  answer: string;
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Header-like fields of a DSN block (continuation lines unfolded), by lower-cased name. */
function fieldsOf(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const match = /^([\w-]+):\s*(.*)$/.exec(line);
    if (match && !fields.has(match[1]!.toLowerCase())) fields.set(match[1]!.toLowerCase(), match[2]!.trim());
  }
  return fields;
}

/** The quoted original's header (its first occurrence in `text`), unfolded. */
function headerIn(text: string, name: string): string | null {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(text);
  return match ? match[1]!.replace(/\s+/g, ' ').trim() : null;
}

/**
 * Reads a bounce: a multipart/report of report-type delivery-status (RFC 3464). mailparser folds
 * the machine-readable part into the text, so its fields are read from the raw part; the quoted
 * original (text/rfc822-headers or message/rfc822) gives our X-CRM-Mail-Id and its Message-ID.
 * Null for any other message.
 */
export async function readBounceReport(raw: Buffer): Promise<BounceReport | null> {
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  if (!/^content-type:\s*multipart\/report/im.test(head)) return null;
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const type = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value !== 'multipart/report' || type.params?.['report-type']?.toLowerCase() !== 'delivery-status')
    return null;
  const text = raw.toString('latin1');
  const part =
    /^content-type:\s*message\/(?:global-)?delivery-status[^\n]*\r?\n(?:[ \t][^\n]*\r?\n|[\w-]+:[^\n]*\r?\n)*\r?\n/im.exec(
      text,
    );
  if (!part) return null;
  const rest = text.slice(part.index + part[0].length);
  const body = rest.slice(0, rest.search(/^--/m) >>> 0);
  const [, ...recipients] = body.split(/\r?\n\s*\r?\n/).filter((b) => b.trim());
  const recipient = recipients.map(fieldsOf).find((f) => f.has('status') || f.has('action'));
  if (!recipient) return null;
  const quoted =
    mail.attachments
      .filter((a) => /^(text\/rfc822-headers|message\/(global|rfc822))/i.test(a.contentType))
      .map((a) => a.content.toString('latin1'))
      .join('\n') || rest.slice(body.length);
  const mailId = headerIn(quoted, mailIdHeader)?.match(uuid)?.[0]?.toLowerCase() ?? null;
  const status = recipient.get('status')?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0] ?? '';
  return {
    mailId,
    originalMessageId: headerIn(quoted, 'Message-ID')?.match(/<[^>]+>/)?.[0] ?? null,
    recipient:
      recipient
        .get('final-recipient')
        ?.replace(/^[\w-]+;\s*/, '')
        .toLowerCase() ?? null,
    action: (recipient.get('action') ?? '').toLowerCase(),
    status,
    answer: (recipient.get('diagnostic-code')?.replace(/^[\w-]+;\s*/, '') ?? status).slice(0, 900),
  };
}
