import { WebAuthnError } from '@simplewebauthn/browser';
import { i18n } from '../i18n';

/**
 * A sentence for why the browser's side of a passkey ceremony did not finish (cancelled, timed
 * out, a passkey already registered): nothing reached the server, whose own refusals arrive as
 * GraphQL errors.
 */
export function passkeyCeremonyError(error: unknown): string {
  const { t } = i18n.global;
  const code = error instanceof WebAuthnError ? error.code : '';
  const name = error instanceof Error ? error.name : '';
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError')
    return t('auth.passkey.errors.alreadyRegistered');
  if (name === 'NotAllowedError' || code === 'ERROR_CEREMONY_ABORTED')
    return t('auth.passkey.errors.cancelled');
  return error instanceof Error
    ? t('auth.passkey.errors.browser', { detail: error.message })
    : t('auth.passkey.errors.browserUnknown');
}
