import { describe, expect, it } from 'vitest';
import { dateText, localeNumber } from './transform.js';
import { decodeText } from './encoding.js';

describe('localeNumber', () => {
  it('reads numbers with either decimal separator, grouped by the other, spaces or apostrophes', () => {
    expect(localeNumber('1.234,5', ',')).toBe(1234.5);
    expect(localeNumber('1,234.5', '.')).toBe(1234.5);
    expect(localeNumber("1'234'567", '.')).toBe(1234567);
    expect(localeNumber('1 234,50', ',')).toBe(1234.5);
    expect(localeNumber('-0,5', ',')).toBe(-0.5);
    expect(localeNumber('twelve', '.')).toBe('twelve');
  });
});

describe('dateText', () => {
  it('reads ISO, numeric dates in the chosen order, and English month names', () => {
    expect(dateText('2026-4-3', 'DMY')).toBe('2026-04-03');
    expect(dateText('03.04.2026', 'DMY')).toBe('2026-04-03');
    expect(dateText('03/04/2026', 'MDY')).toBe('2026-03-04');
    expect(dateText('3/4/26', 'DMY')).toBe('2026-04-03');
    expect(dateText('3 Apr 2026', 'MDY')).toBe('2026-04-03');
    expect(dateText('April 3, 2026', 'DMY')).toBe('2026-04-03');
    expect(dateText('soon', 'DMY')).toBe('soon');
  });
});

describe('decodeText', () => {
  it('tells UTF-8, UTF-16 with and without a mark, and Latin-1 apart', () => {
    expect(decodeText(new TextEncoder().encode('Müller'))).toEqual({ text: 'Müller', encoding: 'UTF-8' });
    expect(decodeText(Uint8Array.from([0xff, 0xfe, ...Buffer.from('Müller', 'utf16le')]))).toEqual({
      text: 'Müller',
      encoding: 'UTF-16LE',
    });
    expect(decodeText(Uint8Array.from(Buffer.from('Name,Müller', 'utf16le'))).encoding).toBe('UTF-16LE');
    expect(decodeText(Uint8Array.from(Buffer.from('Müller', 'latin1')))).toEqual({
      text: 'Müller',
      encoding: 'ISO-8859-1',
    });
  });
});
