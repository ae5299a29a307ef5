import { seal, unseal } from '../platform/index.js';

/**
 * TOTP secrets must be read back (a code is computed from them), so they cannot be hashed.
 * With TWO_FACTOR_SECRET_KEY they are sealed (`gcm.<box>`) and a copy of the database alone does
 * not reveal them; without a key they are kept as `plain.<secret>` (docs/security.md says why),
 * and a key set later still reads those.
 */
export function sealSecret(key: Buffer | undefined, secret: string): string {
  return key ? `gcm.${seal(key, secret)}` : `plain.${secret}`;
}

/** The secret, or null when it was sealed under another key (or none is configured now). */
export function openSecret(key: Buffer | undefined, box: string): string | null {
  const [kind, ...parts] = box.split('.');
  if (kind === 'plain') return parts.join('.');
  if (kind !== 'gcm' || !key) return null;
  return unseal(key, parts.join('.'));
}
