import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimited } from '../platform/index.js';

export interface AccountLimitSettings {
  /** Sign-in and sign-up attempts per minute for one e-mail, from any address. */
  authPerMinute: number;
  /** Workspaces created per hour by one user (createWorkspace), or by sign-ups from one address. */
  workspacesPerHour: number;
}

/** Two-factor codes one account may try per five minutes (docs/security.md). */
export const twoFactorCodesPerWindow = 5;

/**
 * The limits on account doors, in this process's memory. Attempts count per e-mail
 * whatever the address (so rotating X-Forwarded-For behind a trusted proxy cannot guess
 * one account without bound) and per address across e-mails, ten times higher (an office
 * behind one NAT); both must allow an attempt.
 */
export class AuthRateLimiter {
  private readonly perAccount: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;
  private readonly workspaces: RateLimiterMemory;
  private readonly mailPerRecipient: RateLimiterMemory;
  private readonly codesPerAccount: RateLimiterMemory;

  constructor(settings: AccountLimitSettings) {
    this.perAccount = new RateLimiterMemory({ points: settings.authPerMinute, duration: 60 });
    this.perAddress = new RateLimiterMemory({ points: settings.authPerMinute * 10, duration: 60 });
    this.workspaces = new RateLimiterMemory({ points: settings.workspacesPerHour, duration: 3600 });
    this.mailPerRecipient = new RateLimiterMemory({ points: settings.authPerMinute, duration: 3600 });
    this.codesPerAccount = new RateLimiterMemory({ points: twoFactorCodesPerWindow, duration: 300 });
  }

  /**
   * One more two-factor code tried for an account (sign-in, set-up, turning it off), from any
   * address: a six-digit code must not be guessable, so few tries per five minutes.
   */
  async consumeCode(clientAddress: string, userId: string): Promise<void> {
    await spend(this.perAddress, clientAddress);
    await spend(this.codesPerAccount, userId);
  }

  /** A right code forgets that account's wrong ones. */
  async resetCodes(userId: string): Promise<void> {
    await this.codesPerAccount.delete(userId);
  }

  /** An attempt that names no account (a link's token): counted per address only. */
  async consumeAddress(clientAddress: string): Promise<void> {
    await spend(this.perAddress, clientAddress);
  }

  /**
   * One more account mail (reset, verification) to an address, per hour, counted whether or
   * not it has an account: nobody can flood a mailbox, nor learn anything from the limit.
   */
  async consumeMail(email: string): Promise<void> {
    await spend(this.mailPerRecipient, email.toLowerCase());
  }

  async consume(clientAddress: string, email: string): Promise<void> {
    await spend(this.perAddress, clientAddress);
    await spend(this.perAccount, email.toLowerCase());
  }

  /** A successful sign-in forgets that account's failed attempts. */
  async reset(email: string): Promise<void> {
    await this.perAccount.delete(email.toLowerCase());
  }

  /** One more workspace for a user, or for an address signing up (the user is new then). */
  async consumeWorkspace(creator: { userId: string } | { clientAddress: string }): Promise<void> {
    await spend(
      this.workspaces,
      'userId' in creator ? `user:${creator.userId}` : `address:${creator.clientAddress}`,
    );
  }
}

async function spend(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (result) {
    if (result instanceof RateLimiterRes) throw new RateLimited(Math.ceil(result.msBeforeNext / 1000));
    throw result;
  }
}
