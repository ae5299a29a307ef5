import type { ReportResult } from '@crm/contracts';
import type { ReportData, ReportRow } from './charts/report-data';

export type { ReportColumn, ReportResult, ReportResultRow } from '@crm/contracts';

const moneyKinds = new Set(['SUM', 'AVG', 'MIN', 'MAX', 'WEIGHTED']);
const emptyLabel = '(empty)';
/** The rows of records with no amount, apart from each currency's. */
const noCurrencyLabel = 'No amount';

/**
 * The server's answer in the charts' shape. The group keys of each row ride along as
 * its `drill` (what `reportDrillDown` takes). The server splits rows by currency when the
 * report measures money; amounts are never added across currencies: with several (or
 * records with no amount beside some), the currency is one more dimension, a series each.
 */
export function reportData(result: ReportResult): ReportData {
  const groups = result.columns.filter((c) => c.kind === 'GROUP');
  const currencies = [...new Set(result.rows.map((r) => r.currency))];
  const single = currencies.length === 1 ? currencies[0]! : null;
  const measures = result.columns
    .filter((c) => c.kind === 'MEASURE')
    .map((c) => ({
      key: c.key,
      label: c.label,
      currency: moneyKinds.has(c.measure ?? '') && c.fieldType === 'CURRENCY' ? single : null,
    }));
  const split = currencies.length > 1;
  const dimensions = groups.map((g) => ({ key: g.key, label: g.label }));
  if (split && dimensions.length < 2) dimensions.push({ key: 'currency', label: 'Currency' });
  const rows = result.rows.map((row): ReportRow => {
    const labels = row.labels.map((label) => label ?? emptyLabel);
    const keys = [...row.keys];
    if (split && groups.length < 2) {
      labels.push(row.currency ?? noCurrencyLabel);
      keys.push(row.currency);
    } else if (split) labels[labels.length - 1] = `${labels.at(-1)} (${row.currency ?? noCurrencyLabel})`;
    return { keys, labels, values: row.values, drill: row.keys, drillCurrency: row.currency };
  });
  return { dimensions, measures, rows };
}
