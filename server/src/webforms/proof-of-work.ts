import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebForm } from './model.js';

/**
 * A hashcash-style proof of work, so a bot pays CPU per submission: the server hands out a
 * signed challenge (valid for `challengeTtlMs`); the browser finds a nonce for which
 * SHA-256(challenge + ":" + nonce) starts with `difficulty` zero bits; the server checks
 * the signature, the age, the bits, and that the challenge was not used before (in this
 * process: a bot replaying one challenge across processes still pays one proof per process).
 */

export const challengeTtlMs = 10 * 60_000;

const sign = (form: WebForm, payload: string) =>
  createHmac('sha256', form.secret).update(payload).digest('base64url');

export function newChallenge(form: WebForm, now = Date.now()): string {
  const payload = `${form.id}.${now + challengeTtlMs}.${randomBytes(9).toString('base64url')}`;
  return `${payload}.${sign(form, payload)}`;
}

export function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function powHash(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest();
}

/** Challenges already spent, until they expire. */
export class SpentChallenges {
  private readonly spent = new Map<string, number>();

  /** False when seen before; otherwise remembers it. */
  spend(challenge: string, expiresAt: number, now = Date.now()): boolean {
    if (this.spent.size > 10_000) for (const [c, at] of this.spent) if (at < now) this.spent.delete(c);
    if (this.spent.has(challenge)) return false;
    this.spent.set(challenge, expiresAt);
    return true;
  }
}

/** Why a proof is refused, or null when it holds. */
export function proofProblem(
  form: WebForm,
  challenge: unknown,
  nonce: unknown,
  spent: SpentChallenges,
  now = Date.now(),
): string | null {
  if (typeof challenge !== 'string' || typeof nonce !== 'string' || nonce.length > 64)
    return 'the proof of work is missing (this form needs JavaScript)';
  const parts = challenge.split('.');
  if (parts.length !== 4 || parts[0] !== form.id) return 'the proof of work is not for this form';
  const expected = Buffer.from(sign(form, parts.slice(0, 3).join('.')));
  const given = Buffer.from(parts[3]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return 'the proof of work is forged';
  const expiresAt = Number(parts[1]);
  if (!(expiresAt > now)) return 'the proof of work expired; load the form again';
  if (leadingZeroBits(powHash(challenge, nonce)) < form.settings.powDifficulty)
    return 'the proof of work is wrong';
  if (!spent.spend(challenge, expiresAt, now)) return 'the proof of work was already used';
  return null;
}
