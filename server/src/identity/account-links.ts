import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput, Unauthenticated } from '../platform/index.js';
import { passwordResetMail, verificationMail } from './account-mail.js';
import type { IdentityContext } from './context.js';
import { Session, User } from './entities/index.js';
import { hashPassword } from './password.js';
import { assertStrongPassword } from './password-policy.js';
import { hashSecret, newSecret } from './secret-token.js';

type TokenKind = 'RESET_PASSWORD' | 'VERIFY_EMAIL';

export const resetValidMinutes = 60;
export const verifyValidHours = 48;

/** Rolls back a request for an unknown address after doing the same work as for a known one. */
class NoSuchAccount extends Error {}

async function issueToken(em: EntityManager, kind: TokenKind, userId: string, email: string, ttlMs: number) {
  const token = newSecret('account');
  await em.execute(
    `insert into account_token (token_hash, kind, user_id, email, expires_at) values (?, ?, ?, ?, ?)`,
    [hashSecret(token), kind, userId, email, new Date(Date.now() + ttlMs).toISOString()],
  );
  return token;
}

/**
 * Mails a reset link to the address if it has an account. The answer is the same either way
 * (true), rate limits count the same, and an unknown address does the same writes in a
 * transaction that is rolled back, so neither the answer nor its timing tells them apart.
 */
export async function requestPasswordReset(ctx: IdentityContext, emailInput: string): Promise<boolean> {
  const email = emailInput.trim().toLowerCase();
  await ctx.services.authLimiter.consume(ctx.clientAddress, email);
  await ctx.services.authLimiter.consumeMail(email);
  try {
    await ctx.em.fork().transactional(async (em) => {
      const user = await em.findOne(User, { email });
      // The decoy's token belongs to a user row made for it; the transaction never commits.
      const owner =
        user ??
        em.create(User, {
          email: `decoy-${randomUUID()}@invalid`,
          name: '-',
          passwordHash: '-',
          createdAt: new Date(),
        });
      await em.flush();
      const token = await issueToken(em, 'RESET_PASSWORD', owner.id, email, resetValidMinutes * 60_000);
      const url = ctx.services.accountMail.link('/reset-password', { token });
      await ctx.services.accountMail.queue(em, {
        workspaceId: null,
        to: email,
        ...passwordResetMail({ url, validMinutes: resetValidMinutes }),
        secret: true,
      });
      if (!user) throw new NoSuchAccount();
    });
  } catch (error) {
    if (!(error instanceof NoSuchAccount)) throw error;
  }
  return true;
}

/** Uses a token once: the user it was for, or BAD_USER_INPUT at `token`. */
async function redeem(
  em: EntityManager,
  kind: TokenKind,
  token: string,
): Promise<{ userId: string; email: string }> {
  const [row] = await em.execute<{ user_id: string; email: string }[]>(
    `update account_token set used_at = now()
     where token_hash = ? and kind = ? and used_at is null and expires_at > now() returning user_id, email`,
    [hashSecret(token), kind],
  );
  if (!row) throw new BadInput(['token'], 'This link is unknown, already used or expired.');
  return { userId: row.user_id, email: row.email };
}

/** Sets a new password from a reset link and ends every session of the account. */
export async function resetPassword(ctx: IdentityContext, token: string, password: string): Promise<boolean> {
  await ctx.services.authLimiter.consumeAddress(ctx.clientAddress);
  const userId = await ctx.em.transactional(async (em) => {
    const { userId, email } = await redeem(em, 'RESET_PASSWORD', token);
    const user = await em.findOneOrFail(User, { id: userId });
    assertStrongPassword(password, [email, user.name], ['password']);
    user.passwordHash = await hashPassword(password, ctx.services.identity.passwordHashCost);
    // The mail reached the address: it is theirs.
    if (user.email === email) user.emailVerifiedAt ??= new Date();
    await em.execute(
      `update account_token set used_at = now() where user_id = ? and kind = 'RESET_PASSWORD' and used_at is null`,
      [userId],
    );
    await em.nativeDelete(Session, { user: userId });
    return userId;
  });
  await ctx.services.callers.forget({ userId });
  return true;
}

/** Mails the signed-in user a link that proves their address. */
export async function requestEmailVerification(ctx: IdentityContext): Promise<boolean> {
  if (!ctx.caller) throw new Unauthenticated();
  const { user } = ctx.caller;
  await ctx.services.authLimiter.consumeMail(user.email);
  await ctx.em.transactional((em) => queueVerification(ctx, em, user));
  return true;
}

/** Queues a verification link in the caller's transaction (sign-up sends one). */
export async function queueVerification(
  ctx: IdentityContext,
  em: EntityManager,
  user: { id: string; email: string },
): Promise<void> {
  const token = await issueToken(em, 'VERIFY_EMAIL', user.id, user.email, verifyValidHours * 3_600_000);
  await ctx.services.accountMail.queue(em, {
    workspaceId: null,
    to: user.email,
    ...verificationMail({
      url: ctx.services.accountMail.link('/verify-email', { token }),
      validHours: verifyValidHours,
    }),
    secret: true,
  });
}

/** Marks the address verified if it is still the account's address; true when it is. */
export async function verifyEmail(ctx: IdentityContext, token: string): Promise<boolean> {
  await ctx.services.authLimiter.consumeAddress(ctx.clientAddress);
  return ctx.em.transactional(async (em) => {
    const { userId, email } = await redeem(em, 'VERIFY_EMAIL', token);
    const verified = await em.nativeUpdate(User, { id: userId, email }, { emailVerifiedAt: new Date() });
    if (!verified) throw new BadInput(['token'], 'This link is for an address the account no longer has.');
    return true;
  });
}
