import { describe, expect, it } from 'vitest';
import { categorySeries } from '../charts/report-data';
import { firstMeasures, funnelData, salesCycleData, sourceData, stageDurationData } from './analytics-data';

describe('analytics screens', () => {
  it('draws the funnel in pipeline order and durations in days', () => {
    const funnel = funnelData({
      stages: [
        { stage: 'lead', label: 'Lead', reached: 10, conversion: 50 },
        { stage: 'offer', label: 'Offer', reached: 5, conversion: null },
      ],
      won: 3,
      lost: 2,
      winRate: 60,
    });
    expect(funnel.rows.map((r) => [r.labels[0], r.values[0]])).toEqual([
      ['Lead', 10],
      ['Offer', 5],
    ]);
    const durations = stageDurationData([
      { stage: 'lead', label: 'Lead', averageSeconds: 3 * 86_400, medianSeconds: 43_200, visits: 4 },
    ]);
    expect(durations.rows[0]!.values).toEqual([3, 0.5]);
  });

  it('names outcomes and sources, and keeps counts apart for the bars', () => {
    expect(salesCycleData([{ outcome: 'WON', count: 2, averageDays: 12.5, medianDays: 10 }]).rows[0]).toEqual(
      {
        keys: ['WON'],
        labels: ['Won'],
        values: [2, 12.5, 10],
      },
    );
    const sources = sourceData(
      [
        { source: 'web', count: 4, won: 1, conversion: 25, wonAmount: 900 },
        { source: null, count: 1, won: 0, conversion: 0, wonAmount: null },
      ],
      'EUR',
    );
    expect(sources.rows[1]!.labels).toEqual(['No source']);
    const bars = categorySeries(firstMeasures(sources, 2));
    expect(bars.series.map((s) => s.name)).toEqual(['Records', 'Won']);
    expect(bars.series[1]!.points.map((p) => p?.value)).toEqual([1, 0]);
  });
});
