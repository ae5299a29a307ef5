import { parseRelativeRange, relativeBounds, startOfZonedDay, zonedDate } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../metadata/index.js';
import { compileOperator } from './operators.js';

const at = (iso: string) => new Date(iso);
const instants = (range: Parameters<typeof relativeBounds>[0], timeZone: string, now: string) => {
  const { from, before } = relativeBounds(range, { timeZone, now: at(now) }).instants;
  return [from?.toISOString() ?? null, before?.toISOString() ?? null];
};

describe('relative dates in a time zone', () => {
  it('reads today in the reader’s zone: one instant, three calendar days', () => {
    const now = at('2026-12-03T23:30:00Z');
    expect(zonedDate(now, 'UTC')).toBe('2026-12-03');
    expect(zonedDate(now, 'Pacific/Auckland')).toBe('2026-12-04');
    expect(zonedDate(now, 'America/Los_Angeles')).toBe('2026-12-03');
    expect(relativeBounds({ period: 'TODAY' }, { timeZone: 'Pacific/Auckland', now }).dates).toEqual({
      from: '2026-12-04',
      before: '2026-12-05',
    });
    expect(instants({ period: 'TODAY' }, 'America/Los_Angeles', '2026-12-03T23:30:00Z')).toEqual([
      '2026-12-03T08:00:00.000Z',
      '2026-12-04T08:00:00.000Z',
    ]);
  });

  it('gives the spring-forward day 23 hours and the fall-back day 25', () => {
    expect(instants({ period: 'TODAY' }, 'Europe/Paris', '2026-03-29T10:00:00Z')).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
    expect(instants({ period: 'TODAY' }, 'America/New_York', '2026-11-01T12:00:00Z')).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
    ]);
    // Just before and after the jump, on either side of local midnight.
    expect(instants({ period: 'YESTERDAY' }, 'Europe/Paris', '2026-03-29T00:30:00Z')).toEqual([
      '2026-03-27T23:00:00.000Z',
      '2026-03-28T23:00:00.000Z',
    ]);
  });

  it('starts a day whose midnight a jump skips at its first instant', () => {
    // Chile moves clocks from 00:00 to 01:00 on 6 September 2026, and back to 23:00 on 5 April.
    expect(startOfZonedDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(startOfZonedDay('2026-04-05', 'America/Santiago').toISOString()).toBe('2026-04-05T04:00:00.000Z');
    expect(startOfZonedDay('2026-04-04', 'America/Santiago').toISOString()).toBe('2026-04-04T03:00:00.000Z');
  });

  it('runs this week Monday to Sunday and next N days from today', () => {
    // Monday 7 December 09:00 in Auckland is still Sunday in UTC.
    const reader = { timeZone: 'Pacific/Auckland', now: at('2026-12-06T20:00:00Z') };
    expect(relativeBounds({ period: 'THIS_WEEK' }, reader).dates).toEqual({
      from: '2026-12-07',
      before: '2026-12-14',
    });
    expect(relativeBounds({ period: 'THIS_WEEK' }, { ...reader, timeZone: 'UTC' }).dates).toEqual({
      from: '2026-11-30',
      before: '2026-12-07',
    });
    expect(relativeBounds({ nextDays: 7 }, reader).dates).toEqual({
      from: '2026-12-07',
      before: '2026-12-15',
    });
  });

  it('makes a date overdue from the next day and an instant once passed', () => {
    const reader = { timeZone: 'Europe/Paris', now: at('2026-12-03T10:15:00Z') };
    expect(relativeBounds({ period: 'OVERDUE' }, reader)).toEqual({
      dates: { from: null, before: '2026-12-03' },
      instants: { from: null, before: reader.now },
    });
  });

  it('refuses ranges that are not exactly one known period or a day count', () => {
    expect(parseRelativeRange({ period: 'TODAY' })).toEqual({ range: { period: 'TODAY' } });
    expect(parseRelativeRange({ nextDays: 3 })).toEqual({ range: { nextDays: 3 } });
    expect(parseRelativeRange({ period: 'TODAY', nextDays: 3 })).toMatchObject({ problem: /exactly one/ });
    expect(parseRelativeRange({})).toMatchObject({ problem: /exactly one/ });
    expect(parseRelativeRange({ period: 'TOMORROW' })).toMatchObject({ at: 'period' });
    expect(parseRelativeRange({ nextDays: 0 })).toMatchObject({ at: 'nextDays' });
    expect(parseRelativeRange({ nextDays: 1.5 })).toMatchObject({ at: 'nextDays' });
    expect(parseRelativeRange({ lastDays: 2 })).toMatchObject({ problem: /lastDays/ });
    expect(parseRelativeRange('TODAY')).toMatchObject({ problem: /period/ });
  });
});

describe('relative operators compiled to SQL', () => {
  const field = (type: FieldDef['type']) =>
    ({ id: 'f1', key: 'due', type, column: 'f_due', options: {}, filterable: true }) as unknown as FieldDef;
  const reader = {
    userId: '30000000-0000-4000-8000-000000000001',
    timeZone: 'Europe/Paris',
    now: at('2026-12-03T10:00:00Z'),
  };

  it('bounds a DATE by calendar dates and a DATETIME by instants of the reader’s day', () => {
    const date = compileOperator(
      field('DATE'),
      't',
      'within',
      { period: 'TODAY' },
      ['filter', 'due', 'within'],
      reader,
    );
    expect(date).toEqual({
      sql: 't."f_due" >= ?::date and t."f_due" < ?::date',
      params: ['2026-12-03', '2026-12-04'],
    });
    const instant = compileOperator(field('DATETIME'), 't', 'within', { period: 'OVERDUE' }, ['f'], reader);
    expect(instant).toEqual({ sql: 't."f_due" < ?::timestamptz', params: [reader.now.toISOString()] });
  });

  it('compares a USER field with the reader', () => {
    expect(compileOperator(field('USER'), 't', 'isMe', true, ['f'], reader)).toEqual({
      sql: 't."f_due" = ?::uuid',
      params: [reader.userId],
    });
    expect(compileOperator(field('USER'), 't', 'isMe', false, ['f'], reader).sql).toContain('is null');
  });

  it('refuses bad operands and a read without a reader, at the operand’s path', () => {
    const path = ['filter', 'due', 'within'];
    expect(() => compileOperator(field('DATE'), 't', 'within', { nextDays: 400 }, path, reader)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ argumentPath: [...path, 'nextDays'] }),
      }),
    );
    expect(() => compileOperator(field('USER'), 't', 'isMe', 'yes', ['f'], reader)).toThrow(/true or false/);
    expect(() => compileOperator(field('DATE'), 't', 'within', { period: 'TODAY' }, path)).toThrow(
      /not available/,
    );
    expect(() => compileOperator(field('NUMBER'), 't', 'within', { period: 'TODAY' }, path, reader)).toThrow(
      /cannot be filtered with “within”/,
    );
  });
});
