import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n';
import { formatMeasure } from './charts/report-data';
import { reportData, type ReportColumn, type ReportResult } from './report-result';

const column = (
  key: string,
  kind: ReportColumn['kind'],
  label: string,
  more: Partial<ReportColumn> = {},
): ReportColumn => ({
  key,
  kind,
  label,
  fieldType: null,
  field: null,
  bucket: null,
  measure: null,
  ...more,
});
const columns = [
  column('g0', 'GROUP', 'Close date', { fieldType: 'DATE', bucket: 'MONTH' }),
  column('m0', 'MEASURE', 'Count', { measure: 'COUNT' }),
  column('m1', 'MEASURE', 'Sum of amount', { measure: 'SUM', fieldType: 'CURRENCY', field: 'amount' }),
];
const result = (rows: ReportResult['rows']): ReportResult => ({
  object: 'deal',
  columns,
  rows,
  totals: [],
  truncated: false,
  timeZone: 'UTC',
});

describe('reportData', () => {
  it('keeps one currency on the money measures only, and the keys for the drill-down', () => {
    const data = reportData(
      result([
        { keys: ['2026-12-01'], labels: ['Dec 2026'], values: [2, 300], currency: 'EUR' },
        { keys: [null], labels: [null], values: [1, 50], currency: 'EUR' },
      ]),
    );
    expect(data.dimensions).toEqual([{ key: 'g0', label: 'Close date' }]);
    expect(data.measures.map((m) => m.currency)).toEqual([null, 'EUR']);
    expect(data.rows[1]).toEqual({
      keys: [null],
      labels: ['(empty)'],
      values: [1, 50],
      drill: [null],
      drillCurrency: 'EUR',
    });
  });

  it('gives each currency its own series instead of adding them up', () => {
    const data = reportData(
      result([
        { keys: ['2026-12-01'], labels: ['Dec 2026'], values: [1, 100], currency: 'EUR' },
        { keys: ['2026-12-01'], labels: ['Dec 2026'], values: [1, 200], currency: 'USD' },
      ]),
    );
    expect(data.dimensions.map((d) => d.label)).toEqual(['Close date', 'Currency']);
    expect(data.measures[1]!.currency).toBeNull();
    expect(data.rows.map((r) => r.labels)).toEqual([
      ['Dec 2026', 'EUR'],
      ['Dec 2026', 'USD'],
    ]);
    expect(data.rows[1]!.drill).toEqual(['2026-12-01']);
  });

  it('keeps records with no amount apart from a currency', () => {
    const data = reportData(
      result([
        { keys: ['2026-12-01'], labels: ['Dec 2026'], values: [1, 100], currency: 'EUR' },
        { keys: ['2026-12-01'], labels: ['Dec 2026'], values: [2, null], currency: null },
      ]),
    );
    expect(data.rows.map((r) => r.labels[1])).toEqual(['EUR', 'No amount']);
  });

  it('labels date buckets from their first day, and words the server’s unnamed measures', () => {
    const bucketed = (bucket: string, key: string) =>
      reportData({
        ...result([{ keys: [key], labels: [key], values: [1, 10], currency: 'EUR' }]),
        columns: [
          column('g0', 'GROUP', 'Close date', { fieldType: 'DATE', bucket }),
          column('m0', 'MEASURE', 'Count', { measure: 'COUNT' }),
          column('m1', 'MEASURE', 'SUM Amount', { measure: 'SUM', fieldType: 'CURRENCY' }),
        ],
      });
    expect(bucketed('DAY', '2026-11-04').rows[0]!.labels).toEqual(['4 Nov 2026']);
    expect(bucketed('WEEK', '2026-11-02').rows[0]!.labels).toEqual(['Week of 2 Nov 2026']);
    expect(bucketed('MONTH', '2026-11-01').rows[0]!.labels).toEqual(['Nov 2026']);
    expect(bucketed('QUARTER', '2026-10-01').rows[0]!.labels).toEqual(['Q4 2026']);
    expect(bucketed('YEAR', '2026-01-01').rows[0]!.labels).toEqual(['2026']);
    expect(bucketed('YEAR', '2026-01-01').measures.map((m) => m.label)).toEqual(['Count', 'Sum of Amount']);
  });
});

describe('reportData in another language', () => {
  afterEach(() => switchLanguage('en'));

  it('says buckets, measures and amounts as German does', async () => {
    await switchLanguage('de');
    const data = reportData({
      ...result([
        { keys: ['2026-12-01'], labels: ['2026-12-01'], values: [2, 1500], currency: 'EUR' },
        { keys: [null], labels: [null], values: [1, 50], currency: 'EUR' },
      ]),
      columns: [
        column('g0', 'GROUP', 'Abschluss', { fieldType: 'DATE', bucket: 'QUARTER' }),
        column('m0', 'MEASURE', 'Count', { measure: 'COUNT' }),
        column('m1', 'MEASURE', 'SUM Betrag', { measure: 'SUM', fieldType: 'CURRENCY' }),
      ],
    });
    expect(data.rows.map((r) => r.labels[0])).toEqual(['Q4 2026', '(leer)']);
    expect(data.measures.map((m) => m.label)).toEqual(['Anzahl', 'Summe von Betrag']);
    expect(formatMeasure(data.measures[1], 1500).replace(/\s/g, ' ')).toBe('1.500 €');
    expect(formatMeasure(data.measures[0], 1234.5)).toBe('1.234,5');
  });
});
