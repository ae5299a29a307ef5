/** What each refusal code of the single sign-on callback (`?ssoError=`) means to the person. */
const messages: Record<string, string> = {
  'no-workspace': 'No workspace signs in with single sign-on for this e-mail’s domain.',
  'domain-not-allowed':
    'Your e-mail’s domain may not join this workspace by single sign-on. Ask an admin to invite you.',
  'email-not-verified': 'Your identity provider has not verified your e-mail address.',
  expired: 'This sign-in expired or was started in another browser. Start again.',
  'provider-error': 'The identity provider’s answer could not be accepted. Start again.',
  'rate-limited': 'Too many attempts. Wait a minute and try again.',
};

export function ssoErrorMessage(code: unknown): string | null {
  if (typeof code !== 'string' || !code) return null;
  return messages[code] ?? 'Single sign-on did not work. Start again.';
}
