import type { DashboardFilters, ReportDefinitionInput, SavedReport } from '../operations';

const dayMs = 86_400_000;
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** The range just before a dashboard's range, as long: null when it has none or is not one of dates. */
export function previousRange(range: DashboardFilters['dateRange']): Record<string, unknown> | null {
  if (!range) return null;
  const within = range.within as { period?: string } | undefined;
  if (within?.period === 'TODAY') return { within: { period: 'YESTERDAY' } };
  const { gte, lt } = range;
  if (typeof gte !== 'string' || typeof lt !== 'string') return null;
  // Whole months (this month, a quarter, a year) go back by months: November before December.
  if (gte.endsWith('-01') && lt.endsWith('-01')) {
    const months = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
    const first = months(gte) * 2 - months(lt);
    const day = new Date(Date.UTC(Math.floor(first / 12), first % 12, 1)).toISOString().slice(0, 10);
    return { gte: day, lt: gte };
  }
  const days = Math.round((Date.parse(`${lt}T00:00:00Z`) - Date.parse(`${gte}T00:00:00Z`)) / dayMs);
  return { gte: shift(gte, -days), lt: gte };
}

/**
 * A single-number widget's report over the previous period: its definition with the dashboard's
 * members and the previous range on its date field (the field the dashboard's range applies to),
 * run as an unsaved definition. Null when the dashboard has no range to go back from.
 */
export function previousPeriodDefinition(
  report: SavedReport,
  filters: DashboardFilters,
): ReportDefinitionInput | null {
  const range = previousRange(filters.dateRange);
  if (!range) return null;
  const { definition } = report;
  const dateField = definition.dateField ?? definition.groupBy.find((g) => g.bucket)?.field ?? 'createdAt';
  const parts = [
    ...(definition.filter ? [definition.filter] : []),
    { [dateField]: range },
    ...(filters.members?.length ? [{ [filters.memberField ?? 'owner']: { in: filters.members } }] : []),
  ];
  return {
    object: definition.object,
    filter: parts.length === 1 ? parts[0] : { and: parts },
    groupBy: definition.groupBy,
    measures: definition.measures,
    sort: definition.sort,
    limit: definition.limit,
    dateField: definition.dateField,
  };
}
