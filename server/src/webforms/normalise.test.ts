import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from './normalise.js';

describe('normaliseEmail', () => {
  it('lower-cases and trims, and refuses what is not an address', () => {
    expect(normaliseEmail('  Ana.Lee@Example.COM ')).toBe('ana.lee@example.com');
    expect(normaliseEmail('ana lee@example.com')).toBeNull();
    expect(normaliseEmail('no-at-sign')).toBeNull();
    expect(normaliseEmail(42)).toBeNull();
  });
});

describe('normalisePhone', () => {
  it('writes one number the same way however it was typed', () => {
    expect(normalisePhone('+1 (415) 555-0132')).toBe('+14155550132');
    expect(normalisePhone('415.555.0132', 'US')).toBe('+14155550132');
    expect(normalisePhone('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(normalisePhone('+33 6 12 34 56 78')).toBe('+33612345678');
  });

  it('refuses text without a number', () => {
    expect(normalisePhone('call me')).toBeNull();
    expect(normalisePhone('12', 'US')).toBeNull();
    expect(normalisePhone(undefined)).toBeNull();
  });
});
