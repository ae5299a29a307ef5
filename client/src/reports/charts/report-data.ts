import { formatMoney, formatNumber, i18n } from '../../i18n';

/**
 * The neutral shape every chart takes: one row per bucket, with a label per group-by
 * dimension and a value per measure. Reports, the forecast and the analytics screens
 * are turned into it once; the charts know nothing of where it came from.
 */
export interface ReportDimension {
  key: string;
  label: string;
}

export interface ReportMeasure {
  key: string;
  label: string;
  /** ISO code when the values are amounts of one currency. */
  currency?: string | null;
}

export interface ReportRow {
  /** One bucket key per dimension (a month `2026-12`, a stage key, a member id; null: none). */
  keys: (string | null)[];
  /** What the chart shows for each key. */
  labels: string[];
  /** One value per measure. */
  values: (number | null)[];
  /** The records filter selecting this bucket, as the server gives it (drill-down). */
  drill?: unknown;
  /** The row's currency when the report measures money: drill-down keeps to it. */
  drillCurrency?: string | null;
}

export interface ReportData {
  dimensions: ReportDimension[];
  measures: ReportMeasure[];
  rows: ReportRow[];
  /** The measures over the previous period of the same length (single-number charts). */
  previous?: (number | null)[] | null;
}

export const chartTypes = [
  'BAR',
  'STACKED_BAR',
  'LINE',
  'AREA',
  'PIE',
  'DONUT',
  'FUNNEL',
  'NUMBER',
  'TABLE',
  'PIVOT',
] as const;
export type ChartType = (typeof chartTypes)[number];

/** A chart type's name in the language shown now ("Stacked bar"). */
export const chartTypeLabel = (type: ChartType): string => i18n.global.t(`reports.chartTypes.${type}`);

/** Types drawn on a canvas by ECharts (the others are HTML, and have no PNG). */
export const isDrawn = (type: ChartType) => type !== 'NUMBER' && type !== 'TABLE' && type !== 'PIVOT';

/** A point of a chart: its value and the row it came from (for the click). */
export interface ChartPoint {
  value: number | null;
  row: number;
}

export interface CategorySeries {
  name: string;
  points: (ChartPoint | null)[];
}

/** Labels in first-seen order: the server's sort decides the order of the buckets. */
function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Categories along the axis and one series per measure; with two dimensions, one
 * series per value of the second (of the first measure), as a stacked bar shows them.
 */
export function categorySeries(data: ReportData): { categories: string[]; series: CategorySeries[] } {
  const categories = distinct(data.rows.map((r) => r.labels[0] ?? ''));
  if (data.dimensions.length < 2) {
    return {
      categories,
      series: data.measures.map((measure, m) => ({
        name: measure.label,
        points: categories.map((category) => {
          const row = data.rows.findIndex((r) => (r.labels[0] ?? '') === category);
          return row < 0 ? null : { value: data.rows[row]!.values[m] ?? null, row };
        }),
      })),
    };
  }
  const names = distinct(data.rows.map((r) => r.labels[1] ?? ''));
  return {
    categories,
    series: names.map((name) => ({
      name,
      points: categories.map((category) => {
        const row = data.rows.findIndex((r) => r.labels[0] === category && r.labels[1] === name);
        return row < 0 ? null : { value: data.rows[row]!.values[0] ?? null, row };
      }),
    })),
  };
}

/** Slices of a pie, donut or funnel: the first dimension, the first measure. */
export function slices(data: ReportData): { name: string; value: number; row: number }[] {
  return data.rows.map((r, row) => ({ name: r.labels.join(' · '), value: r.values[0] ?? 0, row }));
}

export interface PivotTable {
  rowLabels: string[];
  columnLabels: string[];
  /** cells[row][column]: a value and its source row, or null where no bucket is. */
  cells: (ChartPoint | null)[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

/**
 * A table of the report: rows by the first dimension; columns by the second, or
 * one per measure when there is a single dimension. Totals sum what is shown.
 */
export function pivot(data: ReportData): PivotTable {
  const { categories, series } = categorySeries(data);
  const columnLabels = series.map((s) => s.name);
  const cells = categories.map((_, r) => series.map((s) => s.points[r] ?? null));
  const rowTotals = cells.map((row) => row.reduce((sum, cell) => sum + (cell?.value ?? 0), 0));
  const columnTotals = columnLabels.map((_, c) => cells.reduce((sum, row) => sum + (row[c]?.value ?? 0), 0));
  return {
    rowLabels: categories,
    columnLabels,
    cells,
    rowTotals,
    columnTotals,
    total: columnTotals.reduce((a, b) => a + b, 0),
  };
}

export interface SingleNumber {
  value: number;
  previous: number | null;
  /** Change against the previous period in percent; null without one (or from zero). */
  changePercent: number | null;
}

/** The first measure over every row, and its change against the previous period. */
export function singleNumber(data: ReportData): SingleNumber {
  const value = data.rows.reduce((sum, r) => sum + (r.values[0] ?? 0), 0);
  const previous = data.previous?.[0] ?? null;
  const changePercent =
    previous === null || previous === 0
      ? null
      : Math.round(((value - previous) / Math.abs(previous)) * 1000) / 10;
  return { value, previous, changePercent };
}

/** The total of each measure over every row (what an export's total line must equal). */
export function measureTotals(data: ReportData): number[] {
  return data.measures.map((_, m) => data.rows.reduce((sum, r) => sum + (r.values[m] ?? 0), 0));
}

/**
 * Formats a measure's value in the language shown now (axis labels, tooltips, tables): its
 * currency when it has one ("US$1,500", "1.500 $"), else a plain number.
 */
export function formatMeasure(measure: ReportMeasure | undefined, value: number | null): string {
  if (value === null) return '–';
  if (measure?.currency)
    return formatMoney(value, measure.currency, { minimumFractionDigits: 0, maximumFractionDigits: 0 });
  return formatNumber(value, { maximumFractionDigits: 2 });
}
