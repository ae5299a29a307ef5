import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimited, RateLimits } from '../platform/index.js';

export interface AccountLimitSettings {
  /** Sign-in and sign-up attempts per minute for one e-mail, from any address. */
  authPerMinute: number;
  /** Workspaces created per hour by one user (createWorkspace), or by sign-ups from one address. */
  workspacesPerHour: number;
}

/** Two-factor codes one account may try per five minutes (docs/security.md). */
export const twoFactorCodesPerWindow = 5;

/**
 * The limits on account doors. Attempts count per e-mail whatever the address (so rotating
 * X-Forwarded-For behind a trusted proxy cannot guess one account without bound) and per
 * address across e-mails, ten times higher (an office behind one NAT); both must allow an
 * attempt. Counted where `RateLimits` counts: in Redis when several processes share it.
 */
export class AuthRateLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;
  private readonly workspaces: RateLimiterAbstract;
  private readonly mailPerRecipient: RateLimiterAbstract;
  private readonly codesPerAccount: RateLimiterAbstract;

  constructor(settings: AccountLimitSettings, limits = new RateLimits()) {
    this.perAccount = limits.limiter('account', settings.authPerMinute, 60);
    this.perAddress = limits.limiter('address', settings.authPerMinute * 10, 60);
    this.workspaces = limits.limiter('workspaces', settings.workspacesPerHour, 3600);
    this.mailPerRecipient = limits.limiter('mail', settings.authPerMinute, 3600);
    this.codesPerAccount = limits.limiter('codes', twoFactorCodesPerWindow, 300);
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
