import { i18n } from '../i18n';

/** The message of each refusal code of the single sign-on callback (`?ssoError=`). */
const messages: Record<string, string> = {
  'no-workspace': 'auth.sso.errors.noWorkspace',
  'domain-not-allowed': 'auth.sso.errors.domainNotAllowed',
  'email-not-verified': 'auth.sso.errors.emailNotVerified',
  expired: 'auth.sso.errors.expired',
  'provider-error': 'auth.sso.errors.providerError',
  'rate-limited': 'auth.sso.errors.rateLimited',
};

/** What the refusal means to the person, in their language (read when shown). */
export function ssoErrorMessage(code: unknown): string | null {
  if (typeof code !== 'string' || !code) return null;
  return i18n.global.t(messages[code] ?? 'auth.sso.errors.other');
}
