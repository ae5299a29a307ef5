import type { RecordFilter } from '../records/index.js';

/** What a report is: the data it describes, apart from who owns it and whether it is shared. */

export const dateBuckets = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type DateBucket = (typeof dateBuckets)[number];

export const measureKinds = [
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'WEIGHTED',
  'DISTINCT',
  'AVG_DAYS',
  'AVG_MINUTES',
] as const;
export type MeasureKind = (typeof measureKinds)[number];

export interface ReportGroupBy {
  /** A field key, or `relation.field` for a field of the record a MANY_TO_ONE relation points at. */
  field: string;
  /** DATE and DATETIME fields only; MONTH when not given. */
  bucket?: DateBucket | null;
}

export interface ReportMeasure {
  kind: MeasureKind;
  /**
   * The measured field: NUMBER, CURRENCY, PERCENT or RATING for SUM/AVG/MIN/MAX/WEIGHTED, any for DISTINCT,
   * DATE or DATETIME for AVG_DAYS and AVG_MINUTES (average days or minutes from it until
   * `until`, or now); none for COUNT.
   */
  field?: string | null;
  /** AVG_DAYS, AVG_MINUTES: a DATE or DATETIME field ending each row's span (rows without it are left out); now when absent. */
  until?: string | null;
  /** A name for the column; the client's default otherwise. */
  label?: string | null;
}

export interface ReportSort {
  /** `g0`/`g1` (a group-by, in the order given) or `m0`, `m1`… (a measure). */
  key: string;
  direction: 'ASC' | 'DESC';
}

export interface ReportDefinition {
  /** The object's key. */
  object: string;
  filter: RecordFilter | null;
  groupBy: ReportGroupBy[];
  measures: ReportMeasure[];
  sort: ReportSort[];
  /** Rows at most, 1–5000; 1000 when not given. */
  limit: number | null;
  /** The IANA zone dates are bucketed (and relative filters read) in; the owner's, else UTC. */
  timeZone: string | null;
  /** The DATE/DATETIME field a dashboard's date range applies to; the first date group-by, else createdAt. */
  dateField: string | null;
}

export const maxReportRows = 5000;
export const defaultReportRows = 1000;
export const maxGroupBys = 2;
export const maxMeasures = 8;

/** A dashboard widget: a report shown as a chart at a place of the grid. */
export interface DashboardWidget {
  id: string;
  reportId: string;
  chart: string;
  title: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
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

/** What a dashboard applies to every widget: a range on each report's date field, and members. */
export interface DashboardFilters {
  /** An operand of a DATE/DATETIME filter: `{gte, lt}`, `{within: {period}}`… */
  dateRange: Record<string, unknown> | null;
  /** User ids; records whose `memberField` (default owner) is one of them. */
  members: string[] | null;
  /** A USER field key applied to every widget's object; `owner` when not given. */
  memberField: string | null;
}

export interface ReportSchedule {
  frequency: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  /** Hour of the day (0–23) in the report's time zone. */
  hour: number;
  recipients: string[];
  format: 'CSV' | 'XLSX';
}
