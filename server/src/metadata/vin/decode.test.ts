import { describe, expect, it } from 'vitest';
import { decodeVin, expectedCheckDigit } from './decode.js';

const today = new Date('2026-12-07T00:00:00Z');

describe('decodeVin', () => {
  it('decodes a North-American VIN: make from the WMI, year by the position-7 rule', () => {
    expect(decodeVin(' 1hgcm82633a004352 ', today)).toEqual({
      valid: true,
      vin: '1HGCM82633A004352',
      wmi: '1HG',
      northAmerican: true,
      make: 'Honda',
      modelYear: 2003,
    });
    // A letter at position 7 puts code K in the 2010–2039 cycle.
    const tesla = decodeVin(`5YJ3E1EA${expectedCheckDigit('5YJ3E1EA0KF317000')}KF317000`, today);
    expect(tesla).toMatchObject({ valid: true, make: 'Tesla', modelYear: 2019 });
    // A digit at position 7 keeps K in 1980–2009.
    expect(decodeVin('1M8GDM9AXKP042788', today)).toMatchObject({ valid: true, make: null, modelYear: 1989 });
  });

  it('computes X for a remainder of ten', () => {
    expect(expectedCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(expectedCheckDigit('1HGCM82633A004352')).toBe('3');
  });

  it('refuses a wrong length, a character VINs never use, and a wrong check digit with the expected one', () => {
    // A bad character is named before the length: it is wrong however long the VIN gets.
    expect(decodeVin('1HGCO', today)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('position 5 holds "O"'),
    });
    expect(decodeVin('1HGCM82633A00435', today)).toMatchObject({
      valid: false,
      reason: 'a VIN has 17 characters; this one has 16.',
    });
    expect(decodeVin('1HGCM82633A0O4352', today)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('position 13 holds "O"'),
    });
    expect(decodeVin('1HGCM8263-A004352', today)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('position 10 holds "-"'),
    });
    expect(decodeVin('1HGCM82643A004352', today)).toMatchObject({
      valid: false,
      reason: 'check digit mismatch: position 9 is "4" but the other characters give "3".',
    });
  });

  it('does not require a check digit outside North America and dates it by the nearest past cycle', () => {
    // Position 9 is Volkswagen's filler Z: no check digit in Europe.
    expect(decodeVin('WVWZZZ1JZ3W386752', today)).toMatchObject({
      valid: true,
      northAmerican: false,
      make: 'Volkswagen',
      modelYear: 2003,
    });
    // Code R is 1994 or 2024: the latest not after next year.
    expect(decodeVin('WBA3A5C51RF123456', today)).toMatchObject({ make: 'BMW', modelYear: 2024 });
    // Code 0 is no year: allowed outside North America, decoded as unknown.
    expect(decodeVin('VF1RFB00X00123456', today)).toMatchObject({
      valid: true,
      make: 'Renault',
      modelYear: null,
    });
  });

  it('counts the 7F–70 range as North American (Honda 7FA) but not New Zealand’s 7A', () => {
    const honda = `7FARW2H8${expectedCheckDigit('7FARW2H80PE012345')}PE012345`;
    expect(decodeVin(honda, today)).toMatchObject({
      valid: true,
      northAmerican: true,
      make: 'Honda',
      modelYear: 2023,
    });
    expect(
      decodeVin('7FARW2H80PE012345'.replace(/^(.{8})./, `$1${honda[8] === '1' ? '2' : '1'}`), today).valid,
    ).toBe(false);
    expect(decodeVin('7AT0H64JX00123456', today)).toMatchObject({ valid: true, northAmerican: false });
  });

  it('keeps a North-American year from landing more than a year ahead', () => {
    // Letter at position 7 with code 9 would be 2039; the cycle before is 2009.
    const vin = `1HGCM826${expectedCheckDigit('1HGCM82609A004352')}9A004352`;
    expect(decodeVin(vin, today)).toMatchObject({ valid: true, modelYear: 2009 });
  });
});
