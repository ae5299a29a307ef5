import { WebAuthnError } from '@simplewebauthn/browser';

/**
 * A sentence for why the browser's side of a passkey ceremony did not finish (cancelled, timed
 * out, a passkey already registered): nothing reached the server, whose own refusals arrive as
 * GraphQL errors.
 */
export function passkeyCeremonyError(error: unknown): string {
  const code = error instanceof WebAuthnError ? error.code : '';
  const name = error instanceof Error ? error.name : '';
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError')
    return 'This device already holds a passkey for your account.';
  if (name === 'NotAllowedError' || code === 'ERROR_CEREMONY_ABORTED')
    return 'The passkey request was cancelled or timed out. Try again.';
  return `Your browser could not use a passkey${error instanceof Error ? `: ${error.message}` : '.'}`;
}
