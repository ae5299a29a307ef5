import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput, queryRows } from '../platform/index.js';
import { hashSecret, newSecret } from './secret-token.js';

/**
 * Between a sign-in's right password and its code: a random token (only its hash stored),
 * good for a few minutes and once. It is no session: it opens nothing but `signInWithCode`.
 */
export const pendingSignInMinutes = 5;

export async function issuePendingSignIn(em: EntityManager, userId: string): Promise<string> {
  const token = newSecret('pending');
  await em.execute(
    `insert into pending_sign_in (token_hash, user_id, expires_at) values (?, ?, now() + make_interval(mins => ?))`,
    [hashSecret(token), userId, pendingSignInMinutes],
  );
  // Expired ones of this user are of no use to anyone.
  await em.execute('delete from pending_sign_in where user_id = ? and expires_at < now()', [userId]);
  return token;
}

/** The user a live pending sign-in is for, or BAD_USER_INPUT at `token`. */
export async function pendingSignInUser(em: EntityManager, token: string): Promise<string> {
  const [row] = await queryRows<{ user_id: string }>(
    em,
    'select user_id from pending_sign_in where token_hash = ? and used_at is null and expires_at > now()',
    [hashSecret(token)],
  );
  if (!row) throw expired();
  return row.user_id;
}

/** Spends the token, inside the transaction that accepted the code; a second use fails. */
export async function usePendingSignIn(em: EntityManager, token: string): Promise<void> {
  const used = await queryRows(
    em,
    `update pending_sign_in set used_at = now()
     where token_hash = ? and used_at is null and expires_at > now() returning user_id`,
    [hashSecret(token)],
  );
  if (used.length !== 1) throw expired();
}

function expired(): BadInput {
  return new BadInput(
    ['token'],
    'This sign-in has expired or was completed; sign in with your password again.',
  );
}
