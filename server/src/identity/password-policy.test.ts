import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/index.js';
import { assertStrongPassword } from './password-policy.js';

const path = ['input', 'password'];

function refusal(password: string, inputs: string[] = []): AppError | undefined {
  try {
    assertStrongPassword(password, inputs, path);
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

// Building the dictionaries and scoring take a moment on a busy machine.
describe('the password policy', { timeout: 60_000 }, () => {
  it('refuses repeats, blanks, common passwords and keyboard runs with BAD_USER_INPUT at the field', () => {
    for (const weak of [
      'aaaaaaaaaa',
      ' '.repeat(10),
      'password123',
      'qwertyuiop12',
      '1234567890',
      'iloveyou12',
    ]) {
      const error = refusal(weak);
      expect(error?.extensions, weak).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentPath: path,
        field: 'password',
        reason: 'WEAK_PASSWORD',
      });
      expect(error!.message).toMatch(/^password is too easy to guess\. \S/);
    }
  });

  it('refuses the account’s own e-mail or name as a password', () => {
    const inputs = ['ada.lovelace@example.com', 'Augusta Ada Lovelace-Byron'];
    expect(refusal('ada.lovelace@example.com', inputs)).toBeDefined();
    expect(refusal('augusta ada lovelace-byron', inputs)).toBeDefined();
    // The same password is fine for someone else.
    expect(refusal('augusta ada lovelace-byron', ['grace@example.com', 'Grace'])).toBeUndefined();
  });

  it('refuses fewer than 10 characters, counted as characters', () => {
    expect(refusal('Xq7#vB2!p')?.message).toBe('password must be at least 10 characters');
    expect(refusal('🦜🦜🦜🦜🦜🦜🦜🦜🦜')?.extensions.field).toBe('password');
  });

  it('accepts passphrases and random secrets, including the test suite’s and the demo’s', () => {
    for (const strong of [
      'a long enough password',
      'correct horse battery',
      'another long password',
      randomBytes(9).toString('base64url'),
    ]) {
      expect(refusal(strong), strong).toBeUndefined();
    }
  });

  it('scores the first 64 characters (unbounded, a 200-character pattern took seconds)', () => {
    expect(refusal('ab1!'.repeat(50))).toBeDefined();
    expect(refusal(`${randomBytes(24).toString('base64url')}${'ab1!'.repeat(40)}`)).toBeUndefined();
    expect(refusal(`${'ab1!'.repeat(16)}${randomBytes(24).toString('base64url')}`)).toBeDefined();
  });
});
