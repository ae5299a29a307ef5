import { makeOfWmi } from './wmi.js';

/**
 * Vehicle identification numbers (ISO 3779), checked and decoded offline: the
 * characters, the check digit where North America requires one, the make from the
 * WMI table and the model year from position 10.
 */

export interface DecodedVin {
  valid: true;
  /** Upper-case, trimmed: as stored. */
  vin: string;
  wmi: string;
  /** Assigned to North America (check digit required, position 7 dates the cycle). */
  northAmerican: boolean;
  make: string | null;
  /** Null when position 10 holds no year code (0, U, Z: allowed outside North America). */
  modelYear: number | null;
}

export interface RefusedVin {
  valid: false;
  vin: string;
  /** Why, for the person typing it: the length, the bad character, the expected check digit. */
  reason: string;
}

export type VinDecoding = DecodedVin | RefusedVin;

const vinLength = 17;
const allowed = /^[A-HJ-NPR-Z0-9]$/;
const values: Record<string, number> = Object.fromEntries(
  [...'ABCDEFGH', ...'JKLMN', 'P', 'R', ...'STUVWXYZ'].map((c, i) => [
    c,
    [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9][i]!,
  ]),
);
const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** Position 10's codes, 1980 (A) to 2009 (9), repeating every 30 years. */
const yearCodes = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const cycle = yearCodes.length;

/**
 * North America: WMIs starting 1–5, and 7F–70, the range the United States took on
 * since 2020 (Honda 7FA, Tesla 7SA, Rivian 7PD); 7A–7E are New Zealand's.
 */
function isNorthAmerican(wmi: string): boolean {
  return /^[1-5]/.test(wmi) || /^7[F-HJ-NPR-Z0]/.test(wmi);
}

function valueOf(char: string): number {
  return /\d/.test(char) ? Number(char) : values[char]!;
}

/** The check digit the other 16 characters give: 0–9, or X for 10. */
export function expectedCheckDigit(vin: string): string {
  const sum = [...vin].reduce((total, char, i) => total + valueOf(char) * weights[i]!, 0);
  const rest = sum % 11;
  return rest === 10 ? 'X' : String(rest);
}

/**
 * Position 10 → the model year. In North America a letter at position 7 means the
 * 2010–2039 cycle and a digit 1980–2009; elsewhere (and for years that rule would put
 * more than a year ahead) the latest year of the cycle no later than next year wins.
 */
function modelYearOf(vin: string, northAmerican: boolean, today: Date): number | null {
  const index = yearCodes.indexOf(vin[9]!);
  if (index < 0) return null;
  const latest = today.getUTCFullYear() + 1;
  if (northAmerican) {
    const year = 1980 + index + (/[A-Z]/.test(vin[6]!) ? cycle : 0);
    if (year <= latest) return year;
  }
  return latest - ((((latest - 1980 - index) % cycle) + cycle) % cycle);
}

/** Checks and decodes `input`; `today` dates the model year's cycle. */
export function decodeVin(input: string, today = new Date()): VinDecoding {
  const vin = input.trim().toUpperCase();
  const refuse = (reason: string): RefusedVin => ({ valid: false, vin, reason });
  // A bad character first: it is wrong at any length, so a form can say so while typing.
  const bad = [...vin].findIndex((c) => !allowed.test(c));
  if (bad >= 0) {
    const char = vin[bad]!;
    const why = 'IOQ'.includes(char) ? ' (I, O and Q are never used, to avoid confusion with 1 and 0)' : '';
    return refuse(`position ${bad + 1} holds "${char}", which a VIN cannot contain${why}.`);
  }
  if (vin.length !== vinLength)
    return refuse(`a VIN has ${vinLength} characters; this one has ${vin.length}.`);
  const wmi = vin.slice(0, 3);
  const northAmerican = isNorthAmerican(wmi);
  if (northAmerican) {
    const expected = expectedCheckDigit(vin);
    if (vin[8] !== expected)
      return refuse(
        `check digit mismatch: position 9 is "${vin[8]}" but the other characters give "${expected}".`,
      );
  }
  return {
    valid: true,
    vin,
    wmi,
    northAmerican,
    make: makeOfWmi(wmi),
    modelYear: modelYearOf(vin, northAmerican, today),
  };
}
