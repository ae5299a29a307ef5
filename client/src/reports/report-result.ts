import type { ReportColumn, ReportResult } from '@crm/contracts';
import { formatDate, i18n } from '../i18n';
import type { ReportData, ReportRow } from './charts/report-data';

export type { ReportColumn, ReportResult, ReportResultRow } from '@crm/contracts';

const moneyKinds = new Set(['SUM', 'AVG', 'MIN', 'MAX', 'WEIGHTED']);
const measureKinds = new Set([...moneyKinds, 'COUNT', 'DISTINCT', 'AVG_DAYS', 'AVG_MINUTES']);
const dateTypes = new Set(['DATE', 'DATETIME']);

/**
 * A date bucket's key (its first day, `2026-11-01`) as people read it in the language shown now:
 * "4 Nov 2026", "Week of 2 Nov 2026", "Nov 2026", "Q4 2026", "2026". Other keys keep the server's label.
 */
function bucketLabel(column: ReportColumn | undefined, key: string | null, label: string | null): string {
  const { t } = i18n.global;
  if (label === null) return t('reports.charts.empty');
  if (!column?.bucket || !dateTypes.has(column.fieldType ?? '') || !key || !/^\d{4}-\d{2}-\d{2}/.test(key))
    return label;
  const day = key.slice(0, 10);
  switch (column.bucket) {
    case 'DAY':
      return formatDate(day);
    case 'WEEK':
      return t('reports.buckets.week', { date: formatDate(day) });
    case 'MONTH':
      return formatDate(day, { month: 'short', year: 'numeric' });
    case 'QUARTER':
      return t('reports.buckets.quarter', {
        quarter: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1,
        year: day.slice(0, 4),
      });
    case 'YEAR':
      return formatDate(day, { year: 'numeric' });
    default:
      return label;
  }
}

/**
 * A measure's name: as the report names it, except the server's own wording of an unnamed one
 * ("Count", "SUM Amount"), which is said in the language shown now.
 */
function measureName(column: ReportColumn): string {
  const kind = column.measure ?? '';
  if (!measureKinds.has(kind)) return column.label;
  if (kind === 'COUNT' && column.label === 'Count') return i18n.global.t('reports.measureNames.COUNT');
  if (column.label.startsWith(`${kind} `))
    return i18n.global.t(`reports.measureNames.${kind}`, { field: column.label.slice(kind.length + 1) });
  return column.label;
}

/**
 * The server's answer in the charts' shape. The group keys of each row ride along as
 * its `drill` (what `reportDrillDown` takes). The server splits rows by currency when the
 * report measures money; amounts are never added across currencies: with several (or
 * records with no amount beside some), the currency is one more dimension, a series each.
 * Words and dates are in the language shown now: call it where a language switch is seen.
 */
export function reportData(result: ReportResult): ReportData {
  const { t } = i18n.global;
  const noCurrencyLabel = t('reports.charts.noAmount');
  const groups = result.columns.filter((c) => c.kind === 'GROUP');
  const currencies = [...new Set(result.rows.map((r) => r.currency))];
  const single = currencies.length === 1 ? currencies[0]! : null;
  const measures = result.columns
    .filter((c) => c.kind === 'MEASURE')
    .map((c) => ({
      key: c.key,
      label: measureName(c),
      currency: moneyKinds.has(c.measure ?? '') && c.fieldType === 'CURRENCY' ? single : null,
    }));
  const split = currencies.length > 1;
  const dimensions = groups.map((g) => ({ key: g.key, label: g.label }));
  if (split && dimensions.length < 2)
    dimensions.push({ key: 'currency', label: t('reports.charts.currency') });
  const rows = result.rows.map((row): ReportRow => {
    const labels = row.labels.map((label, i) => bucketLabel(groups[i], row.keys[i] ?? null, label));
    const keys = [...row.keys];
    if (split && groups.length < 2) {
      labels.push(row.currency ?? noCurrencyLabel);
      keys.push(row.currency);
    } else if (split) labels[labels.length - 1] = `${labels.at(-1)} (${row.currency ?? noCurrencyLabel})`;
    return { keys, labels, values: row.values, drill: row.keys, drillCurrency: row.currency };
  });
  return { dimensions, measures, rows };
}
