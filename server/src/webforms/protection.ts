import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimits } from '../platform/index.js';
import type { WebForm } from './model.js';
import { powInputs } from './model.js';
import { proofProblem, SpentChallenges } from './proof-of-work.js';

/** What stands between the public door and a write: rate limits and guards. */

export interface FormLimits {
  /** Submissions per minute to one form, from everyone. */
  perFormPerMinute: number;
  /** Submissions per minute from one address, to any form. */
  perAddressPerMinute: number;
}

/**
 * A check a submission must pass before it is read: the proof of work, or a captcha
 * provider's verification (hCaptcha, Turnstile: call its siteverify with the token the
 * widget posted). Returns why it is refused, or null.
 */
export type FormGuard = (
  form: WebForm,
  body: Record<string, unknown>,
  address: string,
) => Promise<string | null>;

export function proofOfWorkGuard(spent = new SpentChallenges()): FormGuard {
  return async (form, body) =>
    form.settings.powDifficulty > 0
      ? proofProblem(form, body[powInputs.challenge], body[powInputs.nonce], spent)
      : null;
}

export class SubmissionLimiter {
  private readonly perForm: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(limits: FormLimits, counted = new RateLimits()) {
    this.perForm = counted.limiter('form', limits.perFormPerMinute, 60);
    this.perAddress = counted.limiter('form-address', limits.perAddressPerMinute, 60);
  }

  /** Seconds to wait when over a limit, else null (and the attempt counted). */
  async retryAfter(formId: string, address: string): Promise<number | null> {
    try {
      await this.perAddress.consume(address);
      await this.perForm.consume(formId);
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw error;
    }
  }
}
