import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from './normalise.js';

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
