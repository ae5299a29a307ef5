import { seal, unseal } from '../../platform/index.js';

/** Mailbox passwords are sealed under MAIL_SECRET_KEY (never in the database). */
export function sealPassword(key: Buffer, password: string): string {
  return seal(key, password);
}

/** The password, or null when the box was sealed under another key (MAIL_SECRET_KEY changed). */
export function openPassword(key: Buffer, box: string): string | null {
  return unseal(key, box);
}
