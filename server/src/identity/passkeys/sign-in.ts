import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { AppError, queryRows } from '../../platform/index.js';
import { finishSignIn, type SignedIn } from '../accounts.js';
import type { IdentityContext } from '../context.js';
import { User } from '../entities/index.js';
import { ceremonyTimeoutMs, keepChallenge, spendChallenge } from './challenges.js';
import { reasonOf } from './registration.js';
import { relyingParty } from './relying-party.js';
import { readCeremonyResponse } from './response.js';

/** A passkey sign-in refused after its challenge was spent: unknown credential, bad signature, origin, counter. */
export class PasskeyRefused extends AppError {
  constructor(reason: 'PASSKEY_UNKNOWN' | 'PASSKEY_REFUSED', message: string) {
    super('UNAUTHENTICATED', message, { reason });
  }
}

/**
 * Options for `navigator.credentials.get` naming no account: the authenticator offers the
 * passkeys it holds for this site (discoverable credentials), and must verify the user.
 */
export async function passkeySignInOptions(
  ctx: IdentityContext,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  await ctx.services.authLimiter.consumeAddress(ctx.clientAddress);
  const rp = relyingParty(ctx);
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: 'required',
    timeout: ceremonyTimeoutMs,
  });
  await keepChallenge(ctx.em, options.challenge, 'sign_in', null);
  return options;
}

interface PasskeyRow {
  id: string;
  user_id: string;
  public_key: Buffer;
  counter: string;
  transports: string[];
}

/**
 * Checks an answer to those options: a challenge issued here and unspent, a passkey registered
 * here, its signature, origin and RP id, user verification, and a counter that moved forward
 * (a cloned authenticator shows an old one). Then the same session a password sign-in gets;
 * user verification makes it multi-factor by itself, so it meets a workspace's two-factor demand.
 */
export async function signInWithPasskey(ctx: IdentityContext, response: unknown): Promise<SignedIn> {
  await ctx.services.authLimiter.consumeAddress(ctx.clientAddress);
  const { credentialId, challenge } = readCeremonyResponse(response);
  const rp = relyingParty(ctx);
  await spendChallenge(ctx.em, challenge, 'sign_in', null);
  const [passkey] = await queryRows<PasskeyRow>(
    ctx.em,
    'select id, user_id, public_key, counter, transports from passkey where credential_id = ?',
    [credentialId],
  );
  if (!passkey) {
    throw new PasskeyRefused(
      'PASSKEY_UNKNOWN',
      'This passkey is not registered here (it may have been removed); sign in another way.',
    );
  }
  const answer = response as AuthenticationResponseJSON;
  const userHandle = answer.response.userHandle;
  if (userHandle && Buffer.from(userHandle, 'base64url').toString('utf8') !== passkey.user_id) {
    throw new PasskeyRefused('PASSKEY_REFUSED', 'This passkey belongs to another account.');
  }
  const verified = await verifyAuthenticationResponse({
    response: answer,
    expectedChallenge: challenge,
    expectedOrigin: rp.origins,
    expectedRPID: rp.id,
    credential: {
      id: credentialId,
      publicKey: new Uint8Array(passkey.public_key),
      counter: Number(passkey.counter),
      transports: passkey.transports,
    },
    requireUserVerification: true,
  }).catch((error: unknown) => {
    throw new PasskeyRefused('PASSKEY_REFUSED', `The passkey was not accepted: ${reasonOf(error)}`);
  });
  if (!verified.verified || !verified.authenticationInfo.userVerified)
    throw new PasskeyRefused('PASSKEY_REFUSED', 'The passkey was not accepted.');
  // Compare-and-set: of two answers racing with one counter value, one wins.
  const moved = await queryRows(
    ctx.em,
    `update passkey set counter = ?, last_used_at = now(), backed_up = ?
     where id = ? and counter = ? returning id`,
    [
      verified.authenticationInfo.newCounter,
      verified.authenticationInfo.credentialBackedUp,
      passkey.id,
      passkey.counter,
    ],
  );
  if (moved.length !== 1)
    throw new PasskeyRefused('PASSKEY_REFUSED', 'This passkey was just used; try again.');
  const user = await ctx.em.findOneOrFail(User, { id: passkey.user_id });
  return finishSignIn(ctx, user, { multiFactor: true });
}
