import type { EntityManager } from '@mikro-orm/postgresql';
import { escapeHtml } from '../platform/index.js';

/** A message identity asks to send: queued in the caller's transaction by the app's mail outbox. */
export interface AccountMessage {
  workspaceId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** It carries a link that signs in or resets: never listed, cleared once sent. */
  secret: boolean;
}

/** What identity needs to send mail, wired by the app (identity knows no outbox). */
export interface AccountMailer {
  queue(em: EntityManager, message: AccountMessage): Promise<void>;
  /** An absolute link into the client (PUBLIC_URL, or where this server listens). */
  link(path: string, query: Record<string, string>): string;
}

/** The same words as text and as simple HTML: paragraphs, then one button-like link. */
function compose(paragraphs: string[], action: { label: string; url: string }, footer: string) {
  const text = [...paragraphs, `${action.label}: ${action.url}`, footer].join('\n\n') + '\n';
  const html =
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">' +
    paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:8px 16px;background:#2b59c3;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(action.label)}</a></p>` +
    `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { text, html };
}

export function invitationMail(args: {
  inviter: string;
  workspace: string;
  url: string;
  expiresInDays: number;
}) {
  return {
    subject: `${args.inviter} invited you to ${args.workspace}`,
    ...compose(
      [`${args.inviter} invited you to join the workspace “${args.workspace}”.`],
      { label: 'Accept the invitation', url: args.url },
      `The link works once, for ${args.expiresInDays} days. If you did not expect it, ignore this message.`,
    ),
  };
}

export function passwordResetMail(args: { url: string; validMinutes: number }) {
  return {
    subject: 'Reset your password',
    ...compose(
      ['Someone (we hope you) asked to reset the password of your account.'],
      { label: 'Choose a new password', url: args.url },
      `The link works once, for ${args.validMinutes} minutes, and signs out every session of the account. If you did not ask, ignore this message: your password stays as it is.`,
    ),
  };
}

export function verificationMail(args: { url: string; validHours: number }) {
  return {
    subject: 'Confirm your e-mail address',
    ...compose(
      ['Confirm that this address is yours.'],
      { label: 'Confirm my address', url: args.url },
      `The link works once, for ${args.validHours} hours. If you did not create an account, ignore this message.`,
    ),
  };
}
