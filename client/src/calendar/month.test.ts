import { describe, expect, it } from 'vitest';
import { addMonths, dayKey, dayOfValue, gridRange, monthGrid, monthKey, parseMonth } from './month';

describe('month arithmetic', () => {
  it('lays a month out as six weeks from the Monday on or before the 1st', () => {
    const days = monthGrid({ year: 2026, month: 10 }); // November 2026 starts on a Sunday
    expect(days).toHaveLength(42);
    expect(dayKey(days[0]!)).toBe('2026-10-26');
    expect(dayKey(days[6]!)).toBe('2026-11-01');
    expect(dayKey(days[41]!)).toBe('2026-12-06');
  });

  it("starts the weeks on the language's first day: Sunday in a Sunday-first week", () => {
    const days = monthGrid({ year: 2026, month: 10 }, 7);
    expect(dayKey(days[0]!)).toBe('2026-11-01');
    expect(dayKey(monthGrid({ year: 2026, month: 11 }, 7)[0]!)).toBe('2026-11-29');
    expect(gridRange({ year: 2026, month: 11 }, 'DATE', 7)).toEqual({ gte: '2026-11-29', lt: '2027-01-10' });
  });

  it('asks for the days shown, as dates or as the local midnights', () => {
    expect(gridRange({ year: 2026, month: 10 }, 'DATE')).toEqual({ gte: '2026-10-26', lt: '2026-12-07' });
    const { gte, lt } = gridRange({ year: 2026, month: 10 }, 'DATETIME');
    expect(new Date(gte).getTime()).toBe(new Date(2026, 9, 26).getTime());
    expect(new Date(lt).getTime()).toBe(new Date(2026, 11, 7).getTime());
  });

  it('moves across years and reads the address bar’s month', () => {
    expect(addMonths({ year: 2026, month: 11 }, 1)).toEqual({ year: 2027, month: 0 });
    expect(addMonths({ year: 2026, month: 0 }, -1)).toEqual({ year: 2025, month: 11 });
    expect(monthKey({ year: 2027, month: 0 })).toBe('2027-01');
    expect(parseMonth('2027-01')).toEqual({ year: 2027, month: 0 });
    expect(parseMonth('2027-13')).toBeNull();
    expect(parseMonth(undefined)).toBeNull();
  });

  it('puts a value on its local day', () => {
    expect(dayOfValue('2026-11-30', 'DATE')).toBe('2026-11-30');
    expect(dayOfValue(new Date(2026, 10, 30, 23, 30).toISOString(), 'DATETIME')).toBe('2026-11-30');
    expect(dayOfValue(null, 'DATE')).toBeNull();
  });
});
