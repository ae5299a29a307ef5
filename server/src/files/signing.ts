import { createHmac, timingSafeEqual } from 'node:crypto';

/** A download link's parts; the signature binds the file, its variant, the workspace and the expiry. */
export interface SignedLink {
  fileId: string;
  variant: string;
  workspaceId: string;
  /** Seconds since the epoch. */
  expires: number;
}

function signatureOf(key: Buffer, link: SignedLink): Buffer {
  return createHmac('sha256', key)
    .update(`${link.fileId}.${link.variant}.${link.workspaceId}.${link.expires}`)
    .digest();
}

/**
 * The expiry falls between one and two TTLs from now, the same within each TTL window, so
 * a page read twice gets the same links and the browser's cache keeps working.
 */
export function expiryFor(nowMs: number, ttlSeconds: number): number {
  const now = Math.floor(nowMs / 1000);
  return (Math.floor(now / ttlSeconds) + 2) * ttlSeconds;
}

export function signedPath(key: Buffer, link: SignedLink): string {
  const signature = signatureOf(key, link).toString('base64url');
  const query = new URLSearchParams({ w: link.workspaceId, e: String(link.expires), s: signature });
  return `/files/${link.fileId}/${link.variant}?${query.toString()}`;
}

/** Whether `signature` is this link's and the link has not expired. */
export function verifyLink(key: Buffer, link: SignedLink, signature: string, nowMs: number): boolean {
  if (!Number.isSafeInteger(link.expires) || link.expires * 1000 < nowMs) return false;
  const expected = signatureOf(key, link);
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
