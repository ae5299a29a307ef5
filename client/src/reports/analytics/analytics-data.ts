import { i18n } from '../../i18n';
import type { ReportData } from '../charts/report-data';
import type { SalesCycle, SourcePerformance, StageDuration, StageFunnel } from './operations';

// Worded when the data is built, in the language shown now (the screens build it in a computed).
const t = (key: string) => i18n.global.t(`reportsAnalytics.${key}`);
const days = (seconds: number) => Math.round((seconds / 86_400) * 10) / 10;

/** Records reaching each stage, in pipeline order (a funnel keeps that order). */
export function funnelData(funnel: StageFunnel): ReportData {
  return {
    dimensions: [{ key: 'stage', label: t('stage') }],
    measures: [{ key: 'reached', label: t('reached') }],
    rows: funnel.stages.map((s) => ({ keys: [s.stage], labels: [s.label], values: [s.reached] })),
  };
}

/** Average and median days spent in each stage. */
export function stageDurationData(durations: readonly StageDuration[]): ReportData {
  return {
    dimensions: [{ key: 'stage', label: t('stage') }],
    measures: [
      { key: 'average', label: t('averageDays') },
      { key: 'median', label: t('medianDays') },
    ],
    rows: durations.map((d) => ({
      keys: [d.stage],
      labels: [d.label],
      values: [days(d.averageSeconds), days(d.medianSeconds)],
    })),
  };
}

/** Days from creation to closing, won and lost apart. */
export function salesCycleData(cycles: readonly SalesCycle[]): ReportData {
  const outcome = (o: string) => (o === 'WON' ? t('won') : o === 'LOST' ? t('lost') : o);
  return {
    dimensions: [{ key: 'outcome', label: t('outcome') }],
    measures: [
      { key: 'count', label: t('records') },
      { key: 'average', label: t('averageDays') },
      { key: 'median', label: t('medianDays') },
    ],
    rows: cycles.map((c) => ({
      keys: [c.outcome],
      labels: [outcome(c.outcome)],
      values: [c.count, c.averageDays, c.medianDays],
    })),
  };
}

/** Per lead source: records and won, with the conversion and won amount for the table. */
export function sourceData(sources: readonly SourcePerformance[], currency: string | null): ReportData {
  return {
    dimensions: [{ key: 'source', label: t('source') }],
    measures: [
      { key: 'count', label: t('records') },
      { key: 'won', label: t('won') },
      { key: 'conversion', label: t('conversion') },
      { key: 'wonAmount', label: t('wonAmount'), currency },
    ],
    rows: sources.map((s) => ({
      keys: [s.source],
      labels: [s.source ?? t('noSource')],
      values: [s.count, s.won, s.conversion, s.wonAmount],
    })),
  };
}

/** The first measures only (what a bar chart of counts shows beside a table of everything). */
export function firstMeasures(data: ReportData, count: number): ReportData {
  return {
    ...data,
    measures: data.measures.slice(0, count),
    rows: data.rows.map((r) => ({ ...r, values: r.values.slice(0, count) })),
  };
}
