import { describe, expect, it } from 'vitest';
import { expiryFor, signedPath, verifyLink } from './signing.js';

const key = Buffer.alloc(32, 7);
const link = {
  fileId: '11111111-1111-4111-8111-111111111111',
  variant: 'thumb',
  workspaceId: '22222222-2222-4222-8222-222222222222',
  expires: 2_000,
};
const signatureOf = (path: string) => new URL(path, 'http://x').searchParams.get('s')!;

describe('signed file links', () => {
  it('verifies its own signature until the expiry, and nothing changed', () => {
    const signature = signatureOf(signedPath(key, link));
    expect(verifyLink(key, link, signature, 1_999_000)).toBe(true);
    expect(verifyLink(key, link, signature, 2_001_000)).toBe(false);
    expect(verifyLink(key, { ...link, variant: 'web' }, signature, 0)).toBe(false);
    expect(verifyLink(key, { ...link, workspaceId: link.fileId }, signature, 0)).toBe(false);
    expect(verifyLink(Buffer.alloc(32, 8), link, signature, 0)).toBe(false);
    expect(verifyLink(key, link, 'short', 0)).toBe(false);
  });

  it('keeps one expiry within a TTL window, one to two TTLs ahead', () => {
    expect(expiryFor(1_000_000, 900)).toBe(expiryFor(1_799_000, 900));
    const expires = expiryFor(1_000_000, 900);
    expect(expires - 1_000).toBeGreaterThanOrEqual(900);
    expect(expires - 1_000).toBeLessThanOrEqual(1_800);
  });
});
