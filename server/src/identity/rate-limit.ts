import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimited } from '../platform/errors.js';

/**
 * Sign-in and sign-up attempts: `perMinute` for one address and e-mail together,
 * ten times that for one address across e-mails (an office behind one NAT).
 */
export class AuthRateLimiter {
  private readonly perAccount: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(perMinute: number) {
    this.perAccount = new RateLimiterMemory({ points: perMinute, duration: 60 });
    this.perAddress = new RateLimiterMemory({ points: perMinute * 10, duration: 60 });
  }

  async consume(clientAddress: string, email: string): Promise<void> {
    try {
      await this.perAddress.consume(clientAddress);
      await this.perAccount.consume(`${clientAddress}|${email.toLowerCase()}`);
    } catch (result) {
      if (result instanceof RateLimiterRes) throw new RateLimited(Math.ceil(result.msBeforeNext / 1000));
      throw result;
    }
  }

  /** A successful sign-in forgets that account's failed attempts. */
  async reset(clientAddress: string, email: string): Promise<void> {
    await this.perAccount.delete(`${clientAddress}|${email.toLowerCase()}`);
  }
}
