import { describe, expect, it } from 'vitest';
import type { SavedReport } from '../operations';
import { previousPeriodDefinition, previousRange } from './previous-period';

const report: SavedReport = {
  id: 'r',
  name: 'Won this month',
  shared: true,
  object: 'deal',
  editable: true,
  owner: { id: 'u', name: 'U' },
  definition: {
    object: 'deal',
    filter: { stage: { eq: 'won' } },
    groupBy: [],
    measures: [{ kind: 'SUM', field: 'amount', label: 'Sum of Amount' }],
    sort: [],
    limit: null,
    timeZone: 'UTC',
    dateField: 'closeDate',
  },
};

describe('the previous period of a single number', () => {
  it('goes back by the length of the range', () => {
    expect(previousRange({ gte: '2026-12-01', lt: '2027-01-01' })).toEqual({
      gte: '2026-11-01',
      lt: '2026-12-01',
    });
    expect(previousRange({ gte: '2026-01-01', lt: '2027-01-01' })).toEqual({
      gte: '2025-01-01',
      lt: '2026-01-01',
    });
    expect(previousRange({ gte: '2026-12-03', lt: '2026-12-10' })).toEqual({
      gte: '2026-11-26',
      lt: '2026-12-03',
    });
    expect(previousRange({ within: { period: 'TODAY' } })).toEqual({ within: { period: 'YESTERDAY' } });
    expect(previousRange({ within: { period: 'THIS_WEEK' } })).toBeNull();
    expect(previousRange(null)).toBeNull();
  });

  it('runs the report on its date field over that range, for the same members', () => {
    const definition = previousPeriodDefinition(report, {
      dateRange: { gte: '2026-12-01', lt: '2026-12-08' },
      members: ['u1'],
      memberField: null,
    });
    expect(definition?.filter).toEqual({
      and: [
        { stage: { eq: 'won' } },
        { closeDate: { gte: '2026-11-24', lt: '2026-12-01' } },
        { owner: { in: ['u1'] } },
      ],
    });
    expect(
      previousPeriodDefinition(report, { dateRange: null, members: null, memberField: null }),
    ).toBeNull();
  });
});
