import { parse, serialize } from 'cookie';
import type { IdentitySettings } from './context.js';

export const sessionCookieName = 'crm_session';

export function readSessionCookie(header: string | undefined): string | undefined {
  return header ? parse(header)[sessionCookieName] : undefined;
}

export function sessionCookie(secret: string, settings: IdentitySettings): string {
  return serialize(sessionCookieName, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.cookieSecure,
    path: '/',
    maxAge: settings.sessionTtlDays * 86_400,
  });
}

export function clearedSessionCookie(settings: IdentitySettings): string {
  return serialize(sessionCookieName, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.cookieSecure,
    path: '/',
    maxAge: 0,
  });
}
