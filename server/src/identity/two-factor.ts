import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { generateSecret, generateURI, verify } from 'otplib';
import { BadInput, Conflict, queryRows, Unauthenticated } from '../platform/index.js';
import { requireSessionCaller } from './access.js';
import type { IdentityContext } from './context.js';
import { User } from './entities/index.js';
import { verifyPassword } from './password.js';
import { hashSecret } from './secret-token.js';
import { openSecret, sealSecret } from './secret-box.js';

/** Codes from one 30-second step either side of the server's clock are accepted (clock drift). */
const toleranceSeconds = 30;
export const recoveryCodeCount = 10;

export interface TwoFactorSetup {
  secret: string;
  otpauthUri: string;
}

interface TotpColumns {
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: string | null;
}

async function readTotp(em: EntityManager, userId: string): Promise<TotpColumns> {
  const [row] = await queryRows<TotpColumns>(
    em,
    'select totp_secret, totp_pending_secret, totp_enabled_at, totp_last_step from app_user where id = ?',
    [userId],
  );
  if (!row) throw new Unauthenticated();
  return row;
}

export async function twoFactorEnabled(em: EntityManager, userId: string): Promise<boolean> {
  return (await readTotp(em, userId)).totp_enabled_at !== null;
}

/**
 * Issues a new secret for the caller, kept aside until a code from it confirms it
 * (`confirmTwoFactor`): scanning a QR code can fail, and two-factor must not switch on untried.
 */
export async function startTwoFactorSetup(ctx: IdentityContext): Promise<TwoFactorSetup> {
  const { user } = requireSessionCaller(ctx, 'account.security');
  if (await twoFactorEnabled(ctx.em, user.id)) {
    throw new Conflict('Two-factor sign-in is already on; turn it off first to change the device.');
  }
  const secret = generateSecret();
  const settings = ctx.services.identity;
  await ctx.em.execute('update app_user set totp_pending_secret = ? where id = ?', [
    sealSecret(settings.twoFactorKey, secret),
    user.id,
  ]);
  const otpauthUri = generateURI({ issuer: settings.twoFactorIssuer, label: user.email, secret });
  return { secret, otpauthUri };
}

/** Switches two-factor on with a code from the pending secret; answers the recovery codes, shown once. */
export async function confirmTwoFactor(ctx: IdentityContext, code: string): Promise<string[]> {
  const { user } = requireSessionCaller(ctx, 'account.security');
  await ctx.services.authLimiter.consumeCode(ctx.clientAddress, user.id);
  const codes = await ctx.em.transactional(async (em) => {
    const row = await readTotp(em, user.id);
    if (row.totp_enabled_at) throw new Conflict('Two-factor sign-in is already on.');
    const secret =
      row.totp_pending_secret && openSecret(ctx.services.identity.twoFactorKey, row.totp_pending_secret);
    if (!secret) throw new BadInput(['code'], 'Start the set-up first (startTwoFactorSetup).');
    const step = await matchingStep(secret, code, null);
    if (step === null)
      throw new BadInput(['code'], 'This code is wrong or has expired; try the current one.');
    await em.execute(
      `update app_user set totp_secret = totp_pending_secret, totp_pending_secret = null,
         totp_enabled_at = now(), totp_last_step = ? where id = ?`,
      [step, user.id],
    );
    return replaceRecoveryCodes(em, user.id);
  });
  await ctx.services.authLimiter.resetCodes(user.id);
  // Cached callers carry whether a workspace's two-factor demand is met.
  await ctx.services.callers.forget({ userId: user.id });
  return codes;
}

/** Turns two-factor off; it takes a current code (or a recovery code) or the account's password. */
export async function disableTwoFactor(
  ctx: IdentityContext,
  proof: { code?: string | null; password?: string | null },
): Promise<boolean> {
  const { user } = requireSessionCaller(ctx, 'account.security');
  if (!proof.code && !proof.password) throw new BadInput(['code'], 'Give a current code or your password.');
  await ctx.services.authLimiter.consumeCode(ctx.clientAddress, user.id);
  await ctx.em.transactional(async (em) => {
    if (proof.code) {
      if (!(await useSecondFactor(ctx, em, user.id, proof.code)))
        throw new BadInput(['code'], 'This code is wrong or has expired.');
    } else {
      const account = await em.findOneOrFail(User, { id: user.id }, { populate: ['passwordHash'] });
      if (!(await verifyPassword(proof.password!, account.passwordHash)))
        throw new BadInput(['password'], 'This password is wrong.');
    }
    await em.execute(
      `update app_user set totp_secret = null, totp_pending_secret = null, totp_enabled_at = null,
         totp_last_step = null where id = ?`,
      [user.id],
    );
    await em.execute('delete from recovery_code where user_id = ?', [user.id]);
  });
  await ctx.services.authLimiter.resetCodes(user.id);
  await ctx.services.callers.forget({ userId: user.id });
  return true;
}

/**
 * Accepts a six-digit code from the user's authenticator (each time step once: a code seen on
 * the wire cannot be replayed) or one of their recovery codes (each once). Call inside the
 * transaction that acts on it; false for a wrong, used or replayed code.
 */
export async function useSecondFactor(
  ctx: IdentityContext,
  em: EntityManager,
  userId: string,
  input: string,
): Promise<boolean> {
  const code = input.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(code)) {
    const row = await readTotp(em, userId);
    const secret = row.totp_secret && openSecret(ctx.services.identity.twoFactorKey, row.totp_secret);
    if (!secret) return false;
    const step = await matchingStep(
      secret,
      code,
      row.totp_last_step === null ? null : Number(row.totp_last_step),
    );
    if (step === null) return false;
    // The step only moves forward, so two requests racing with one code cannot both pass.
    const moved = await queryRows(
      em,
      `update app_user set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)
       returning id`,
      [step, userId, step],
    );
    return moved.length === 1;
  }
  const used = await queryRows(
    em,
    `update recovery_code set used_at = now() where user_id = ? and code_hash = ? and used_at is null
     returning user_id`,
    [userId, hashSecret(code.toUpperCase())],
  );
  return used.length === 1;
}

async function matchingStep(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: toleranceSeconds,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  }).catch(() => null);
  return result?.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Ten new single-use codes, replacing any earlier ones; only their SHA-256 is kept. */
async function replaceRecoveryCodes(em: EntityManager, userId: string): Promise<string[]> {
  await em.execute('delete from recovery_code where user_id = ?', [userId]);
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  for (const code of codes) {
    await em.execute('insert into recovery_code (user_id, code_hash) values (?, ?)', [
      userId,
      hashSecret(code.replace(/-/g, '')),
    ]);
  }
  return codes;
}

/** 80 random bits in Crockford-like base32, as four groups of four: `K7QM-2XRD-…`. */
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** How many of the caller's recovery codes are still unused. */
export async function unusedRecoveryCodes(em: EntityManager, userId: string): Promise<number> {
  const [row] = await queryRows<{ count: string }>(
    em,
    'select count(*) as count from recovery_code where user_id = ? and used_at is null',
    [userId],
  );
  return Number(row?.count ?? 0);
}
