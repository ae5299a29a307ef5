import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openPassword, sealPassword } from './password-box.js';

describe('mailbox password box', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and each seal differs', () => {
    const a = sealPassword(key, 'pässword');
    expect(openPassword(key, a)).toBe('pässword');
    expect(sealPassword(key, 'pässword')).not.toBe(a);
    expect(a).not.toContain('pässword');
  });

  it('gives null under another key or for a tampered box', () => {
    const box = sealPassword(key, 'secret');
    expect(openPassword(randomBytes(32), box)).toBeNull();
    expect(
      openPassword(
        key,
        box.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBeNull();
  });
});
