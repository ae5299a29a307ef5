import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './signature.js';

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 and verifies it', () => {
    const at = new Date();
    const header = signatureHeader('whsec_x', '{"a":1}', at);
    const t = Math.floor(at.getTime() / 1000);
    const hex = createHmac('sha256', 'whsec_x').update(`${t}.{"a":1}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${hex}`);
    expect(verifySignature('whsec_x', '{"a":1}', header)).toBe(true);
    expect(verifySignature('whsec_y', '{"a":1}', header)).toBe(false);
    expect(verifySignature('whsec_x', '{"a":2}', header)).toBe(false);
  });

  it('refuses an old timestamp', () => {
    const header = signatureHeader('whsec_x', '{}', new Date(Date.now() - 3_600_000));
    expect(verifySignature('whsec_x', '{}', header)).toBe(false);
  });
});
