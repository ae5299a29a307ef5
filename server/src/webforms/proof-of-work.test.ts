import { describe, expect, it } from 'vitest';
import { defaultSettings, type WebForm } from './model.js';
import { leadingZeroBits, newChallenge, powHash, proofProblem, SpentChallenges } from './proof-of-work.js';

const form = {
  id: '11111111-1111-4111-8111-111111111111',
  secret: 'secret',
  settings: { ...defaultSettings, powDifficulty: 8 },
} as WebForm;

function solve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (leadingZeroBits(powHash(challenge, String(n))) >= bits) return String(n);
}

describe('proof of work', () => {
  it('accepts a solved challenge once', () => {
    const spent = new SpentChallenges();
    const challenge = newChallenge(form);
    const nonce = solve(challenge, 8);
    expect(proofProblem(form, challenge, nonce, spent)).toBeNull();
    expect(proofProblem(form, challenge, nonce, spent)).toMatch(/already used/);
  });

  it('refuses a forged, expired, unsolved or missing proof', () => {
    const spent = new SpentChallenges();
    const challenge = newChallenge(form);
    const forged = challenge.replace(/\.[^.]+$/, '.AAAA');
    expect(proofProblem(form, forged, '1', spent)).toMatch(/forged/);
    const old = newChallenge(form, Date.now() - 11 * 60_000);
    expect(proofProblem(form, old, solve(old, 8), spent)).toMatch(/expired/);
    let bad = 0;
    while (leadingZeroBits(powHash(challenge, String(bad))) >= 8) bad++;
    expect(proofProblem(form, challenge, String(bad), spent)).toMatch(/wrong/);
    expect(proofProblem(form, undefined, undefined, spent)).toMatch(/missing/);
  });

  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0, 0x10, 0xff]))).toBe(11);
    expect(leadingZeroBits(Buffer.from([0x80]))).toBe(0);
  });
});
