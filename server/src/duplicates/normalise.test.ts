import { describe, expect, it } from 'vitest';
import { internationalPhone, normaliseEmail, normalisePhone } from './normalise.js';

describe('normaliseEmail', () => {
  it('trims and lower-cases, and blanks are null', () => {
    expect(normaliseEmail('  Ann.Lee@Example.COM ')).toBe('ann.lee@example.com');
    expect(normaliseEmail('   ')).toBeNull();
    expect(normaliseEmail(42)).toBeNull();
  });
});

describe('normalisePhone', () => {
  it('keeps digits and a leading plus; 00 reads as plus', () => {
    expect(normalisePhone('+1 (555) 010-2030')).toBe('+15550102030');
    expect(normalisePhone('0044 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('555.010.2030')).toBe('5550102030');
    expect(normalisePhone('n/a')).toBeNull();
    expect(normalisePhone(null)).toBeNull();
  });
});

describe('internationalPhone', () => {
  it('writes one number the same way however it was typed', () => {
    expect(internationalPhone('+1 (415) 555-0132')).toBe('+14155550132');
    expect(internationalPhone('415.555.0132', 'US')).toBe('+14155550132');
    expect(internationalPhone('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(internationalPhone('+33 6 12 34 56 78')).toBe('+33612345678');
  });

  it('refuses text without a number', () => {
    expect(internationalPhone('call me')).toBeNull();
    expect(internationalPhone('12', 'US')).toBeNull();
    expect(internationalPhone(undefined)).toBeNull();
  });
});
