import { formatDate, i18n } from '../../i18n';
import type { FieldDef, ObjectDef, Pipeline } from '../../metadata';
import type { ReportData, ReportRow } from '../charts/report-data';

/** A row of the server's `forecast` query: per stage, expected close month and owner. */
export interface ForecastRow {
  stage: string;
  month: string | null;
  ownerId: string | null;
  count: number;
  amount: number;
  weighted: number;
}

/** The fields a forecast reads, chosen as the server chooses its defaults, so a drill-down matches. */
export interface ForecastFields {
  stage: FieldDef;
  pipeline: Pipeline;
  amount: FieldDef;
  closeDate: FieldDef;
}

const firstOf = (object: ObjectDef, types: FieldDef['type'][]) =>
  object.fields.find((f) => !f.system && types.includes(f.type)) ?? null;

/** The stage field and pipeline (the first, or the one asked for), amount and close date; null when one is missing. */
export function forecastFields(object: ObjectDef, pipelineKey: string | null): ForecastFields | null {
  const stages = object.fields.filter((f) => f.type === 'STAGE');
  const stage =
    stages.find((f) => f.settings.pipelines?.some((p) => p.key === pipelineKey)) ?? stages[0] ?? null;
  const pipeline =
    stage?.settings.pipelines?.find((p) => p.key === pipelineKey) ?? stage?.settings.pipelines?.[0] ?? null;
  const amount = firstOf(object, ['CURRENCY', 'NUMBER']);
  const closeDate = firstOf(object, ['DATE', 'DATETIME']);
  return stage && pipeline && amount && closeDate ? { stage, pipeline, amount, closeDate } : null;
}

/** "Dec 2026" for `2026-12`; "No close date" for none (in the language shown now). */
export function monthLabel(month: string | null): string {
  if (!month) return i18n.global.t('reportsForecast.noCloseDate');
  return formatDate(`${month}-01`, { month: 'short', year: 'numeric' });
}

/** The first day of the month after `2026-12`: `2027-01-01`. */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year!, m!, 1)).toISOString().slice(0, 10);
}

/** The records filter of a forecast bucket: the stages counted, and the month or owner clicked. */
export function forecastDrill(
  fields: ForecastFields,
  stageKeys: readonly string[],
  bucket: { month?: string | null; ownerId?: string | null },
): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [{ [fields.stage.key]: { in: [...stageKeys] } }];
  if (bucket.month !== undefined) {
    const key = fields.closeDate.key;
    if (bucket.month === null) parts.push({ [key]: { isEmpty: true } });
    else {
      // A DATETIME field compares instants; the server buckets months in UTC.
      const at = (day: string) => (fields.closeDate.type === 'DATETIME' ? `${day}T00:00:00.000Z` : day);
      parts.push(
        { [key]: { gte: at(`${bucket.month}-01`) } },
        { [key]: { lt: at(nextMonth(bucket.month)) } },
      );
    }
  }
  if (bucket.ownerId !== undefined)
    parts.push({ owner: bucket.ownerId === null ? { isEmpty: true } : { eq: bucket.ownerId } });
  return { and: parts };
}

interface Totals {
  count: number;
  amount: number;
  weighted: number;
}

function totalsBy(rows: readonly ForecastRow[], keyOf: (row: ForecastRow) => string | null) {
  const totals = new Map<string | null, Totals>();
  for (const row of rows) {
    const key = keyOf(row);
    const sum = totals.get(key) ?? { count: 0, amount: 0, weighted: 0 };
    totals.set(key, {
      count: sum.count + row.count,
      amount: sum.amount + row.amount,
      weighted: Math.round((sum.weighted + row.weighted) * 100) / 100,
    });
  }
  return totals;
}

function measures(currency: string | null) {
  return [
    { key: 'amount', label: i18n.global.t('reportsForecast.unweighted'), currency },
    { key: 'weighted', label: i18n.global.t('reportsForecast.weighted'), currency },
  ];
}

/** Unweighted and weighted amounts per expected close month, oldest first, undated last. */
export function forecastByMonth(
  rows: readonly ForecastRow[],
  currency: string | null,
  drill: (month: string | null) => unknown,
): ReportData {
  const totals = [...totalsBy(rows, (r) => r.month)].sort(([a], [b]) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b),
  );
  return {
    dimensions: [{ key: 'month', label: i18n.global.t('reportsForecast.closeMonth') }],
    measures: measures(currency),
    rows: totals.map(([month, t]): ReportRow => ({
      keys: [month],
      labels: [monthLabel(month)],
      values: [t.amount, t.weighted],
      drill: drill(month),
    })),
  };
}

/** Unweighted and weighted amounts per owner, the largest weighted first. */
export function forecastByOwner(
  rows: readonly ForecastRow[],
  currency: string | null,
  nameOf: (userId: string) => string,
  drill: (ownerId: string | null) => unknown,
): ReportData {
  const totals = [...totalsBy(rows, (r) => r.ownerId)].sort(([, a], [, b]) => b.weighted - a.weighted);
  return {
    dimensions: [{ key: 'owner', label: i18n.global.t('reportsForecast.owner') }],
    measures: measures(currency),
    rows: totals.map(([owner, t]): ReportRow => ({
      keys: [owner],
      labels: [owner ? nameOf(owner) : i18n.global.t('reportsForecast.noOwner')],
      values: [t.amount, t.weighted],
      drill: drill(owner),
    })),
  };
}

/** Weighted amounts per close month and stage (a stacked bar), stages in pipeline order. */
export function forecastByMonthAndStage(
  rows: readonly ForecastRow[],
  pipeline: Pipeline,
  currency: string | null,
  drill: (month: string | null, stage: string) => unknown,
): ReportData {
  const order = (stage: string) => pipeline.stages.findIndex((s) => s.key === stage);
  const sorted = [...rows].sort(
    (a, b) => (a.month ?? '9999').localeCompare(b.month ?? '9999') || order(a.stage) - order(b.stage),
  );
  const buckets = new Map<string, ReportRow>();
  for (const row of sorted) {
    const id = `${row.month}|${row.stage}`;
    const held = buckets.get(id);
    if (held) held.values = [Math.round((held.values[0]! + row.weighted) * 100) / 100];
    else
      buckets.set(id, {
        keys: [row.month, row.stage],
        labels: [monthLabel(row.month), pipeline.stages.find((s) => s.key === row.stage)?.label ?? row.stage],
        values: [row.weighted],
        drill: drill(row.month, row.stage),
      });
  }
  return {
    dimensions: [
      { key: 'month', label: i18n.global.t('reportsForecast.closeMonth') },
      { key: 'stage', label: i18n.global.t('reportsForecast.stage') },
    ],
    measures: [{ key: 'weighted', label: i18n.global.t('reportsForecast.weighted'), currency }],
    rows: [...buckets.values()],
  };
}

/** The totals of the whole forecast. */
export function forecastTotals(rows: readonly ForecastRow[]): Totals {
  return totalsBy(rows, () => 'all').get('all') ?? { count: 0, amount: 0, weighted: 0 };
}
