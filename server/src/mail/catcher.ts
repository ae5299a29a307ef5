import { escapeHtml as escape } from '../platform/index.js';

/** A message kept by the development catcher (MAIL_CATCHER=true) instead of being sent. */
export interface CaughtMessage {
  at: Date;
  from: string;
  replyTo: string | null;
  to: string;
  subject: string;
  text: string;
}

/** The last messages caught, newest first; older ones fall off. */
export class MailCatcher {
  private readonly messages: CaughtMessage[] = [];

  constructor(private readonly keep = 200) {}

  add(message: CaughtMessage): void {
    this.messages.unshift(message);
    this.messages.length = Math.min(this.messages.length, this.keep);
  }

  list(): readonly CaughtMessage[] {
    return this.messages;
  }
}

/** The page at /dev/mail: every caught message, its headers and text part. */
export function caughtMailPage(messages: readonly CaughtMessage[]): string {
  const items = messages.map(
    (m) =>
      `<article data-testid="caught-mail"><h2>${escape(m.subject)}</h2>` +
      `<p>${escape(m.at.toISOString())} · from ${escape(m.from)} · to ${escape(m.to)}` +
      `${m.replyTo ? ` · reply-to ${escape(m.replyTo)}` : ''}</p><pre>${escape(m.text)}</pre></article>`,
  );
  return (
    '<!doctype html><html><head><meta charset="utf-8"><title>Caught mail</title></head>' +
    '<body style="font-family:sans-serif"><h1>Caught mail (MAIL_CATCHER)</h1>' +
    (items.length ? items.join('<hr>') : '<p>No mail caught yet.</p>') +
    '</body></html>'
  );
}
