import { describe, expect, it } from 'vitest';
import { presetOf, rangeOf } from './date-range';

const today = '2026-12-03';

describe('dashboard date range', () => {
  it('turns presets into the server’s date operand', () => {
    expect(rangeOf('ANY', today)).toBeNull();
    expect(rangeOf('THIS_WEEK', today)).toEqual({ within: { period: 'THIS_WEEK' } });
    expect(rangeOf('THIS_MONTH', today)).toEqual({ gte: '2026-12-01', lt: '2027-01-01' });
    expect(rangeOf('LAST_MONTH', '2027-01-15')).toEqual({ gte: '2026-12-01', lt: '2027-01-01' });
    expect(rangeOf('THIS_QUARTER', today)).toEqual({ gte: '2026-10-01', lt: '2027-01-01' });
    expect(rangeOf('LAST_12_MONTHS', today)).toEqual({ gte: '2026-01-01', lt: '2027-01-01' });
    expect(rangeOf('CUSTOM', today, { from: '2026-11-01', to: '2026-11-30' })).toEqual({
      gte: '2026-11-01',
      lt: '2026-12-01',
    });
  });

  it('reads a stored range back as its preset, or as dates', () => {
    expect(presetOf(rangeOf('THIS_YEAR', today), today).preset).toBe('THIS_YEAR');
    expect(presetOf({ within: { period: 'TODAY' } }, today).preset).toBe('TODAY');
    expect(presetOf({ gte: '2026-11-01', lt: '2026-12-01' }, today).preset).toBe('LAST_MONTH');
    expect(presetOf({ gte: '2026-11-02', lt: '2026-12-01' }, today)).toEqual({
      preset: 'CUSTOM',
      from: '2026-11-02',
      to: '2026-11-30',
    });
  });
});
