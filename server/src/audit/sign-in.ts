import type { EntityManager } from '@mikro-orm/postgresql';
import {
  passkeyOwner,
  pendingSignInUser,
  type RequestContext,
  type SignInAccount,
} from '../identity/index.js';
import { AppError } from '../platform/index.js';
import { actorOf, recordForAccount } from './record.js';

/**
 * Refusals that mean "this account was tried and not entered" (a wrong two-factor code is a
 * BAD_USER_INPUT on `code`); other errors are not sign-in attempts.
 */
const failureCodes = new Set(['UNAUTHENTICATED', 'RATE_LIMITED', 'BAD_USER_INPUT']);

/**
 * Runs a sign-in and records it for each workspace of the account: success after the
 * session committed, a failure on its own (nothing else is written then). An e-mail with
 * no account belongs to no workspace, so its failures are not in any workspace's log.
 */
export async function auditedSignIn<T extends { user: { id: string }; twoFactorToken?: string | null }>(
  ctx: RequestContext,
  account: SignInAccount,
  attempt: () => Promise<T>,
): Promise<T> {
  const em = ctx.em.fork();
  const by = actorOf(ctx);
  const method = 'passkeyCredentialId' in account ? { method: 'passkey' } : {};
  try {
    const result = await attempt();
    // The password was right but a code is due: nobody is signed in yet.
    if (result.twoFactorToken) return result;
    await recordForAccount(em, result.user.id, {
      action: 'auth.sign_in',
      by: { ...by, userId: result.user.id },
      ...('method' in method ? { details: method } : {}),
    });
    return result;
  } catch (error) {
    if (error instanceof AppError && failureCodes.has(error.code)) {
      const userId = await accountOf(em, account);
      if (userId)
        await recordForAccount(em, userId, {
          action: 'auth.sign_in_failed',
          by: { ...by, userId },
          details: { reason: error.code, ...method },
        });
    }
    throw error;
  }
}

async function accountOf(em: EntityManager, account: SignInAccount): Promise<string | null> {
  if ('pendingToken' in account) return pendingSignInUser(em, account.pendingToken).catch(() => null);
  if ('passkeyCredentialId' in account) return passkeyOwner(em, account.passkeyCredentialId);
  const email = account.email;
  const [row] = await em.execute<{ id: string }[]>('select id from app_user where email = ?', [
    email.trim().toLowerCase(),
  ]);
  return row?.id ?? null;
}
