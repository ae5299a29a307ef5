import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Mailbox passwords are stored sealed with AES-256-GCM under MAIL_SECRET_KEY (never in the
 * database): a copy of the database alone does not reveal them. `iv.tag.ciphertext`, base64url.
 */
export function sealPassword(key: Buffer, password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

/** The password, or null when the box was sealed under another key (MAIL_SECRET_KEY changed). */
export function openPassword(key: Buffer, box: string): string | null {
  const [iv, tag, sealed] = box.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !sealed) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
