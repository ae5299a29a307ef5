import { describe, expect, it } from 'vitest';
import { createFakeApollo } from '../../testing';
import { REPORT_RESULT } from '../operations';
import type { ReportResult } from '../report-result';
import { applyRefresh } from './use-dashboard-refresh';

const resultOf = (count: number): ReportResult & { __typename: string } => ({
  __typename: 'ReportResult',
  object: 'deal',
  columns: [
    {
      __typename: 'ReportColumn',
      key: 'm0',
      kind: 'MEASURE',
      label: 'Count',
      fieldType: null,
      field: null,
      bucket: null,
      measure: 'COUNT',
    },
  ] as never,
  rows: [{ __typename: 'ReportRow', keys: [], labels: [], values: [count], currency: null }] as never,
  totals: [{ __typename: 'ReportRow', keys: [], labels: [], values: [count], currency: null }] as never,
  truncated: false,
  timeZone: 'UTC',
});

describe('applyRefresh', () => {
  it('hands a pushed result to the widget’s watching query without a request', async () => {
    const { client, operations } = createFakeApollo(() => ({ data: { reportResult: resultOf(1) } }));
    const seen: number[] = [];
    const variables = { id: 'r1', dashboard: 'd1' };
    const subscription = client
      .watchQuery({ query: REPORT_RESULT, variables, fetchPolicy: 'cache-and-network' })
      .subscribe(({ data }) => data && seen.push(data.reportResult.totals[0]!.values[0]!));
    await expect.poll(() => seen).toEqual([1]);

    const carried = applyRefresh(client, {
      dashboardId: 'd1',
      widgetIds: ['w1', 'w2'],
      reportIds: ['r1', 'r2'],
      reason: 'DATA',
      results: [{ widgetId: 'w1', reportId: 'r1', result: resultOf(2) }],
    });

    expect([...carried]).toEqual(['w1']);
    await expect.poll(() => seen).toEqual([1, 2]);
    expect(operations).toHaveLength(1);
    subscription.unsubscribe();
  });
});
