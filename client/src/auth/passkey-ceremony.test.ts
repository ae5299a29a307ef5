import { WebAuthnError } from '@simplewebauthn/browser';
import { describe, expect, it } from 'vitest';
import { passkeyCeremonyError } from './passkey-ceremony';

function domError(name: string): Error {
  const error = new Error('The operation either timed out or was not allowed.');
  error.name = name;
  return error;
}

describe('passkeyCeremonyError', () => {
  it('tells a cancelled or timed-out prompt apart from a passkey the device already holds', () => {
    expect(passkeyCeremonyError(domError('NotAllowedError'))).toMatch(/cancelled or timed out/);
    expect(
      passkeyCeremonyError(
        new WebAuthnError({
          message: 'The authenticator was previously registered',
          code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED',
          cause: domError('InvalidStateError'),
        }),
      ),
    ).toMatch(/already holds a passkey/);
  });

  it('names anything else the browser says', () => {
    expect(passkeyCeremonyError(new Error('WebAuthn is not supported'))).toBe(
      'Your browser could not use a passkey: WebAuthn is not supported',
    );
  });
});
