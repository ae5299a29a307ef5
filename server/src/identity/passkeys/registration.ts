import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { AppError, BadInput, Conflict, queryRows } from '../../platform/index.js';
import { requireSessionCaller } from '../access.js';
import type { IdentityContext } from '../context.js';
import { ceremonyTimeoutMs, keepChallenge, spendChallenge } from './challenges.js';
import { passkeyName, readPasskey, type PasskeySummary } from './passkeys.js';
import { relyingParty } from './relying-party.js';
import { readCeremonyResponse } from './response.js';

/** A user keeps a handful of passkeys (phone, laptop, a security key), not hundreds. */
export const maxPasskeysPerUser = 20;

/**
 * Options for the browser's `navigator.credentials.create`: a discoverable credential (so
 * sign-in needs no e-mail) verified by the user, never one of the caller's existing passkeys.
 */
export async function passkeyRegistrationOptions(
  ctx: IdentityContext,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { user } = requireSessionCaller(ctx, 'account.security');
  const rp = relyingParty(ctx);
  const existing = await queryRows<{ credential_id: string; transports: string[] }>(
    ctx.em,
    'select credential_id, transports from passkey where user_id = ?',
    [user.id],
  );
  if (existing.length >= maxPasskeysPerUser)
    throw new Conflict(`You have ${maxPasskeysPerUser} passkeys; remove one to add another.`);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    // The user handle an authenticator returns at sign-in: our id, never the e-mail.
    userID: new TextEncoder().encode(user.id),
    userName: user.email,
    userDisplayName: user.name,
    timeout: ceremonyTimeoutMs,
    attestationType: 'none',
    excludeCredentials: existing.map((row) => ({ id: row.credential_id, transports: row.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await keepChallenge(ctx.em, options.challenge, 'register', user.id);
  return options;
}

/** Checks the browser's answer to those options and keeps the new passkey under `name`. */
export async function addPasskey(
  ctx: IdentityContext,
  response: unknown,
  nameInput: string,
): Promise<PasskeySummary> {
  const { user } = requireSessionCaller(ctx, 'account.security');
  const name = passkeyName(nameInput, ['name']);
  const { challenge } = readCeremonyResponse(response);
  const rp = relyingParty(ctx);
  await spendChallenge(ctx.em, challenge, 'register', user.id);
  const verified = await verifyRegistrationResponse({
    response: response as RegistrationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: rp.origins,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch((error: unknown) => {
    throw new BadInput(['response'], `The passkey was not accepted: ${reasonOf(error)}`, {
      reason: 'PASSKEY_REFUSED',
    });
  });
  if (!verified.verified) throw new BadInput(['response'], 'The passkey was not accepted.');
  const info = verified.registrationInfo;
  try {
    const [row] = await queryRows<{ id: string }>(
      ctx.em,
      `insert into passkey (id, user_id, credential_id, public_key, counter, transports, device_type, backed_up, name)
       values (gen_random_uuid(), ?, ?, ?, ?, ?::text[], ?, ?, ?) returning id`,
      [
        user.id,
        info.credential.id,
        Buffer.from(info.credential.publicKey),
        info.credential.counter,
        info.credential.transports ?? [],
        info.credentialDeviceType,
        info.credentialBackedUp,
        name,
      ],
    );
    // Cached API-token callers count a passkey towards a workspace's two-factor demand.
    await ctx.services.callers.forget({ userId: user.id });
    return (await readPasskey(ctx.em, user.id, row!.id))!;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new Conflict('This passkey is already registered.');
    throw error;
  }
}

/** The library's reason, kept short: it names what failed (origin, RP id, user verification…). */
export function reasonOf(error: unknown): string {
  if (error instanceof AppError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}
