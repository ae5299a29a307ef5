import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/index.js';
import type { IdentityContext } from '../context.js';
import { passkeyName } from './passkeys.js';
import { relyingParty } from './relying-party.js';
import { readCeremonyResponse } from './response.js';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const clientData = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('readCeremonyResponse', () => {
  it('reads the credential id and the challenge the browser signed', () => {
    const response = { id: 'cred', response: { clientDataJSON: clientData({ challenge: 'abc' }) } };
    expect(readCeremonyResponse(response)).toEqual({ credentialId: 'cred', challenge: 'abc' });
  });

  it.each([
    ['null', null],
    ['no id', { response: { clientDataJSON: clientData({ challenge: 'abc' }) } }],
    ['no client data', { id: 'cred', response: {} }],
    ['client data not JSON', { id: 'cred', response: { clientDataJSON: 'not json' } }],
    ['no challenge', { id: 'cred', response: { clientDataJSON: clientData({ type: 'webauthn.get' }) } }],
  ])('refuses %s with BAD_USER_INPUT at response', (_, value) => {
    const error = refusal(() => readCeremonyResponse(value));
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'response',
      reason: 'PASSKEY_RESPONSE_INVALID',
    });
  });
});

describe('relyingParty', () => {
  const ctx = (publicUrl: string | undefined, host?: string) =>
    ({ host, services: { identity: { publicUrl, twoFactorIssuer: 'crm.example.com' } } }) as IdentityContext;

  it('is PUBLIC_URL’s host and origin when set, whatever the request says', () => {
    expect(relyingParty(ctx('https://crm.example.com/app', 'evil.example'))).toEqual({
      id: 'crm.example.com',
      name: 'crm.example.com',
      origins: ['https://crm.example.com'],
    });
  });

  it('follows the request’s Host without PUBLIC_URL, either scheme', () => {
    expect(relyingParty(ctx(undefined, 'LocalHost:4000'))).toMatchObject({
      id: 'localhost',
      origins: ['https://localhost:4000', 'http://localhost:4000'],
    });
  });

  it('refuses without either, or with a Host that is no host', () => {
    expect(refusal(() => relyingParty(ctx(undefined))).extensions.code).toBe('FORBIDDEN');
    expect(refusal(() => relyingParty(ctx(undefined, 'a/b@c'))).extensions.code).toBe('FORBIDDEN');
  });
});

describe('passkeyName', () => {
  it('trims, and refuses empty or over 100 characters at the given path', () => {
    expect(passkeyName('  Laptop ', ['name'])).toBe('Laptop');
    expect(refusal(() => passkeyName('   ', ['name'])).extensions.field).toBe('name');
    expect(passkeyName('é'.repeat(100), ['name'])).toHaveLength(100);
    expect(refusal(() => passkeyName('x'.repeat(101), ['name'])).extensions.code).toBe('BAD_USER_INPUT');
  });
});
