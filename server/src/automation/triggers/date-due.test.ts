import { describe, expect, it } from 'vitest';
import { anniversary, dueTimeOf, type DateTriggerTiming } from './date-due.js';

const once = (over: Partial<DateTriggerTiming> = {}): DateTriggerTiming => ({
  fieldType: 'DATE',
  offsetMinutes: 0,
  yearly: false,
  timeOfDay: null,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('dueTimeOf', () => {
  it('places a DATE at its time of day in the zone (09:00 by default), offset by minutes', () => {
    const now = at('2026-01-01T00:00:00Z');
    expect(dueTimeOf(once(), '2026-03-10', 'UTC', now)).toEqual(at('2026-03-10T09:00:00Z'));
    expect(dueTimeOf(once({ timeOfDay: '08:30' }), '2026-07-10', 'Europe/Paris', now)).toEqual(
      at('2026-07-10T06:30:00Z'),
    );
    expect(dueTimeOf(once({ offsetMinutes: -1440 }), '2026-03-10', 'UTC', now)).toEqual(
      at('2026-03-09T09:00:00Z'),
    );
  });

  it('keeps local time across a daylight-saving change (Paris, last Sunday of March)', () => {
    const now = at('2026-01-01T00:00:00Z');
    expect(dueTimeOf(once(), '2026-03-28', 'Europe/Paris', now)).toEqual(at('2026-03-28T08:00:00Z'));
    expect(dueTimeOf(once(), '2026-03-29', 'Europe/Paris', now)).toEqual(at('2026-03-29T07:00:00Z'));
  });

  it('offsets a DATETIME from its instant, past or not (the caller decides what is too late)', () => {
    const timing = once({ fieldType: 'DATETIME', offsetMinutes: 15 });
    expect(dueTimeOf(timing, at('2026-05-01T10:00:00Z'), 'UTC', at('2027-01-01T00:00:00Z'))).toEqual(
      at('2026-05-01T10:15:00Z'),
    );
  });

  it('finds a yearly date’s next occurrence after now, this year or next', () => {
    const yearly = once({ yearly: true });
    expect(dueTimeOf(yearly, '1990-06-15', 'UTC', at('2026-03-01T00:00:00Z'))).toEqual(
      at('2026-06-15T09:00:00Z'),
    );
    expect(dueTimeOf(yearly, '1990-06-15', 'UTC', at('2026-06-15T09:00:00Z'))).toEqual(
      at('2027-06-15T09:00:00Z'),
    );
    // A week before a birthday early in January falls in the previous December.
    expect(
      dueTimeOf(
        once({ yearly: true, offsetMinutes: -7 * 1440 }),
        '1990-01-03',
        'UTC',
        at('2026-12-20T00:00:00Z'),
      ),
    ).toEqual(at('2026-12-27T09:00:00Z'));
  });

  it('starts a yearly date no earlier than the date itself', () => {
    expect(dueTimeOf(once({ yearly: true }), '2030-05-01', 'UTC', at('2026-03-01T00:00:00Z'))).toEqual(
      at('2030-05-01T09:00:00Z'),
    );
  });

  it('keeps Feb 29 on Feb 28 in common years, and on the 29th in leap years', () => {
    const yearly = once({ yearly: true });
    expect(dueTimeOf(yearly, '2000-02-29', 'UTC', at('2026-01-01T00:00:00Z'))).toEqual(
      at('2026-02-28T09:00:00Z'),
    );
    expect(dueTimeOf(yearly, '2000-02-29', 'UTC', at('2027-03-01T00:00:00Z'))).toEqual(
      at('2028-02-29T09:00:00Z'),
    );
    expect(anniversary(2100, 2, 29)).toBe('2100-02-28');
    expect(anniversary(2400, 2, 29)).toBe('2400-02-29');
  });

  it('reads a yearly DATETIME’s day in the zone', () => {
    // 23:30 UTC on June 14 is already June 15 in Tokyo.
    const timing = once({ fieldType: 'DATETIME', yearly: true, timeOfDay: '10:00' });
    expect(dueTimeOf(timing, at('1990-06-14T23:30:00Z'), 'Asia/Tokyo', at('2026-01-01T00:00:00Z'))).toEqual(
      at('2026-06-15T01:00:00Z'),
    );
  });
});

describe('a time of day in a daylight-saving gap', () => {
  it('moves forward by the jump, as clocks do', () => {
    // Paris jumps from 02:00 to 03:00 on 29 March 2026: 02:30 does not exist; 03:30 local = 01:30 UTC.
    const timing = once({ timeOfDay: '02:30' });
    expect(dueTimeOf(timing, '2026-03-29', 'Europe/Paris', at('2026-01-01T00:00:00Z'))).toEqual(
      at('2026-03-29T01:30:00Z'),
    );
  });
});
