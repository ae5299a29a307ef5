import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * TOTP secrets must be read back (a code is computed from them), so they cannot be hashed.
 * With TWO_FACTOR_SECRET_KEY they are sealed with AES-256-GCM (`gcm.iv.tag.ciphertext`) and a
 * copy of the database alone does not reveal them; without a key they are kept as
 * `plain.<secret>` (docs/security.md says why), and a key set later still reads those.
 */
export function sealSecret(key: Buffer | undefined, secret: string): string {
  if (!key) return `plain.${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['gcm', ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url'))].join('.');
}

/** The secret, or null when it was sealed under another key (or none is configured now). */
export function openSecret(key: Buffer | undefined, box: string): string | null {
  const [kind, ...parts] = box.split('.');
  if (kind === 'plain') return parts.join('.');
  const [iv, tag, sealed] = parts.map((part) => Buffer.from(part, 'base64url'));
  if (kind !== 'gcm' || !key || !iv || !tag || !sealed) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
