import { describe, expect, it } from 'vitest';
import { fieldOf } from './testing-metadata';
import { vinFillValues, vinReasonToShow, type VinDecoding } from './vin-prefill';

const decoded: VinDecoding = {
  vin: '1HGCM82633A004352',
  valid: true,
  reason: null,
  make: 'Honda',
  modelYear: 2003,
};
const refused = (vin: string, reason: string): VinDecoding => ({
  vin,
  valid: false,
  reason,
  make: null,
  modelYear: null,
});

describe('the create form’s VIN help', () => {
  it('fills the fields the VIN field names, with what was decoded', () => {
    const vin = fieldOf('vin', 'TEXT', { format: 'VIN', fills: { make: 'make', modelYear: 'year' } });
    expect(vinFillValues(vin, decoded)).toEqual({ make: 'Honda', year: 2003 });
    expect(vinFillValues(vin, { ...decoded, make: null })).toEqual({ year: 2003 });
    expect(vinFillValues(fieldOf('vin', 'TEXT', { format: 'VIN' }), decoded)).toEqual({});
    expect(vinFillValues(vin, refused('1HG', 'a VIN has 17 characters; this one has 3.'))).toEqual({});
  });

  it('shows a bad character at once and a wrong length only from 17 characters', () => {
    expect(vinReasonToShow('1HG', refused('1HG', 'a VIN has 17 characters; this one has 3.'))).toBeNull();
    expect(vinReasonToShow('1HGCO', refused('1HGCO', 'position 5 holds "O"'))).toBe('position 5 holds "O"');
    const long = '1HGCM82633A0043521';
    expect(vinReasonToShow(long, refused(long, 'a VIN has 17 characters; this one has 18.'))).toContain('18');
    expect(vinReasonToShow('', null)).toBeNull();
    expect(vinReasonToShow(decoded.vin, decoded)).toBeNull();
  });
});
