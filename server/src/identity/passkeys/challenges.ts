import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput, queryRows } from '../../platform/index.js';

/** How long a ceremony may take, from its options to its answer; the browser is told the same. */
export const challengeMinutes = 5;
export const ceremonyTimeoutMs = challengeMinutes * 60_000;

export type CeremonyPurpose = 'register' | 'sign_in';

/** Keeps a challenge the library generated, for one answer within `challengeMinutes`. */
export async function keepChallenge(
  em: EntityManager,
  challenge: string,
  purpose: CeremonyPurpose,
  userId: string | null,
): Promise<void> {
  await em.execute(
    `insert into webauthn_challenge (challenge, purpose, user_id, expires_at)
     values (?, ?, ?, now() + make_interval(mins => ?))`,
    [challenge, purpose, userId, challengeMinutes],
  );
  // Nobody can answer an expired one; a few at a time keeps this cheap.
  await em.execute(
    `delete from webauthn_challenge where challenge in
       (select challenge from webauthn_challenge where expires_at < now() limit 100)`,
  );
}

/**
 * Spends the challenge a response answers, before its signature is checked and whatever that
 * check says (so a refused answer cannot be retried with it). `userId` is the caller it was
 * issued to, null for a sign-in. Unknown, expired, spent or someone else's: BAD_USER_INPUT.
 */
export async function spendChallenge(
  em: EntityManager,
  challenge: string,
  purpose: CeremonyPurpose,
  userId: string | null,
): Promise<void> {
  const spent = await queryRows(
    em,
    `update webauthn_challenge set used_at = now()
     where challenge = ? and purpose = ? and user_id is not distinct from ?::uuid
       and used_at is null and expires_at > now()
     returning challenge`,
    [challenge, purpose, userId],
  );
  if (spent.length !== 1) {
    throw new BadInput(
      ['response'],
      'This passkey request has expired or was already answered; start again.',
      { reason: 'PASSKEY_CHALLENGE_EXPIRED' },
    );
  }
}
