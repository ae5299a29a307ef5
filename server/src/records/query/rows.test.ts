import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './rows.js';

describe('parseTimestamp', () => {
  it('reads PostgreSQL timestamptz text in its usual shapes', () => {
    expect(parseTimestamp('2026-05-01 09:30:00.123456+02')!.toISOString()).toBe('2026-05-01T07:30:00.123Z');
    expect(parseTimestamp('2026-05-01 09:30:00+00')!.toISOString()).toBe('2026-05-01T09:30:00.000Z');
    expect(parseTimestamp('2026-05-01 09:30:00-05')!.toISOString()).toBe('2026-05-01T14:30:00.000Z');
    expect(parseTimestamp('2026-05-01 09:30:00+05:30')!.toISOString()).toBe('2026-05-01T04:00:00.000Z');
  });

  it('passes Dates and nulls through, and leaves other text to Date', () => {
    const date = new Date('2026-01-01T00:00:00Z');
    expect(parseTimestamp(date)).toBe(date);
    expect(parseTimestamp(null)).toBeNull();
    expect(parseTimestamp(undefined)).toBeNull();
    expect(Number.isNaN(parseTimestamp('infinity')!.getTime())).toBe(true);
  });
});
