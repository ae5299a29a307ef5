import { describe, expect, it } from 'vitest';
import { chartOption, clickedRow } from './chart-option';
import { categorySeries, measureTotals, pivot, singleNumber, slices, type ReportData } from './report-data';

const byMonth: ReportData = {
  dimensions: [{ key: 'closeDate', label: 'Close date' }],
  measures: [
    { key: 'count', label: 'Count' },
    { key: 'sum:amount', label: 'Sum of amount', currency: 'EUR' },
  ],
  rows: [
    { keys: ['2026-11'], labels: ['Nov 2026'], values: [2, 3000], drill: { m: 11 } },
    { keys: ['2026-12'], labels: ['Dec 2026'], values: [1, 500], drill: { m: 12 } },
  ],
};

const byStageAndOwner: ReportData = {
  dimensions: [
    { key: 'stage', label: 'Stage' },
    { key: 'owner', label: 'Owner' },
  ],
  measures: [{ key: 'count', label: 'Count' }],
  rows: [
    { keys: ['lead', 'u1'], labels: ['Lead', 'Ann'], values: [4] },
    { keys: ['lead', 'u2'], labels: ['Lead', 'Bob'], values: [1] },
    { keys: ['won', 'u2'], labels: ['Won', 'Bob'], values: [2] },
  ],
};

describe('categorySeries', () => {
  it('draws one series per measure along the first dimension', () => {
    const { categories, series } = categorySeries(byMonth);
    expect(categories).toEqual(['Nov 2026', 'Dec 2026']);
    expect(series.map((s) => s.name)).toEqual(['Count', 'Sum of amount']);
    expect(series[1]!.points).toEqual([
      { value: 3000, row: 0 },
      { value: 500, row: 1 },
    ]);
  });

  it('draws one series per value of the second dimension, with gaps where no bucket is', () => {
    const { categories, series } = categorySeries(byStageAndOwner);
    expect(categories).toEqual(['Lead', 'Won']);
    expect(series.map((s) => s.name)).toEqual(['Ann', 'Bob']);
    expect(series[0]!.points).toEqual([{ value: 4, row: 0 }, null]);
    expect(series[1]!.points).toEqual([
      { value: 1, row: 1 },
      { value: 2, row: 2 },
    ]);
  });
});

describe('pivot', () => {
  it('crosses two dimensions with row, column and grand totals', () => {
    const table = pivot(byStageAndOwner);
    expect(table.rowLabels).toEqual(['Lead', 'Won']);
    expect(table.columnLabels).toEqual(['Ann', 'Bob']);
    expect(table.cells[1]).toEqual([null, { value: 2, row: 2 }]);
    expect(table.rowTotals).toEqual([5, 2]);
    expect(table.columnTotals).toEqual([4, 3]);
    expect(table.total).toBe(7);
  });

  it('puts each measure in a column for one dimension', () => {
    expect(pivot(byMonth).columnLabels).toEqual(['Count', 'Sum of amount']);
    expect(measureTotals(byMonth)).toEqual([3, 3500]);
  });
});

describe('singleNumber', () => {
  it('compares the total with the previous period', () => {
    expect(singleNumber({ ...byMonth, previous: [2, 1000] })).toEqual({
      value: 3,
      previous: 2,
      changePercent: 50,
    });
  });

  it('gives no change from nothing', () => {
    expect(singleNumber({ ...byMonth, previous: [0, 0] }).changePercent).toBeNull();
    expect(singleNumber(byMonth).previous).toBeNull();
  });
});

describe('chartOption', () => {
  it('stacks a stacked bar and keeps the row of every point for the click', () => {
    const option = chartOption('STACKED_BAR', byStageAndOwner);
    const series = option.series as { stack?: string; data: unknown[] }[];
    expect(series.every((s) => s.stack === 'total')).toBe(true);
    expect(clickedRow(byStageAndOwner, series[1]!.data[1])).toBe(2);
    // A category with no bucket for the series is not a row.
    expect(clickedRow(byStageAndOwner, series[0]!.data[1])).toBeNull();
  });

  it('keeps the report order in a funnel and makes a ring of a donut', () => {
    const funnel = chartOption('FUNNEL', byMonth).series as { sort: string; data: unknown[] }[];
    expect(funnel[0]!.sort).toBe('none');
    expect(funnel[0]!.data).toEqual(slices(byMonth));
    const donut = chartOption('DONUT', byMonth).series as { radius: unknown }[];
    expect(Array.isArray(donut[0]!.radius)).toBe(true);
  });

  it('fills the area under an area chart', () => {
    const series = chartOption('AREA', byMonth).series as { type: string; areaStyle?: object }[];
    expect(series.every((s) => s.type === 'line' && s.areaStyle)).toBe(true);
  });
});
