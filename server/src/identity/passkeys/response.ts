import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { BadInput } from '../../platform/index.js';

/** What every WebAuthn response from the browser carries, read before the library checks the rest. */
export interface CeremonyResponse {
  credentialId: string;
  challenge: string;
}

function notAResponse(): BadInput {
  return new BadInput(['response'], 'This is not a passkey response from the browser.', {
    reason: 'PASSKEY_RESPONSE_INVALID',
  });
}

/**
 * The credential id and the challenge the browser signed (in clientDataJSON), so the challenge
 * can be spent before verification. Anything else malformed the library refuses later.
 */
export function readCeremonyResponse(value: unknown): CeremonyResponse {
  const response = value as Partial<RegistrationResponseJSON | AuthenticationResponseJSON> | null;
  const clientDataJSON = response?.response?.clientDataJSON;
  if (typeof response?.id !== 'string' || typeof clientDataJSON !== 'string') throw notAResponse();
  if (response.id.length > 1400 || clientDataJSON.length > 20_000) throw notAResponse();
  let challenge: unknown;
  try {
    challenge = (
      JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown }
    ).challenge;
  } catch {
    throw notAResponse();
  }
  if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 200) throw notAResponse();
  return { credentialId: response.id, challenge };
}
