import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.js';

describe('sealSecret / openSecret', () => {
  const key = randomBytes(32);

  it('seals with the key so the stored text does not contain the secret, and opens it again', () => {
    const box = sealSecret(key, 'JBSWY3DPEHPK3PXP');
    expect(box.startsWith('gcm.')).toBe(true);
    expect(box).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealSecret(key, 'JBSWY3DPEHPK3PXP')).not.toBe(box);
    expect(openSecret(key, box)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('opens nothing under another key, without a key, or when tampered with', () => {
    const box = sealSecret(key, 'JBSWY3DPEHPK3PXP');
    expect(openSecret(randomBytes(32), box)).toBeNull();
    expect(openSecret(undefined, box)).toBeNull();
    const [kind, iv, tag, sealed] = box.split('.');
    const flipped = Buffer.from(sealed!, 'base64url');
    flipped[0]! ^= 1;
    expect(openSecret(key, [kind, iv, tag, flipped.toString('base64url')].join('.'))).toBeNull();
  });

  it('keeps a secret unsealed without a key, and still reads it once a key is set', () => {
    const box = sealSecret(undefined, 'JBSWY3DPEHPK3PXP');
    expect(box).toBe('plain.JBSWY3DPEHPK3PXP');
    expect(openSecret(undefined, box)).toBe('JBSWY3DPEHPK3PXP');
    expect(openSecret(key, box)).toBe('JBSWY3DPEHPK3PXP');
  });
});
