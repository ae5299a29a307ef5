import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { ChartType } from './charts/report-data';
import type { ReportResult } from './report-result';

export type DateBucket = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';
export type MeasureKind =
  'COUNT' | 'SUM' | 'AVG' | 'MIN' | 'MAX' | 'WEIGHTED' | 'DISTINCT' | 'AVG_DAYS' | 'AVG_MINUTES';

export interface ReportDefinitionInput {
  object: string;
  filter: unknown;
  groupBy: { field: string; bucket: DateBucket | null }[];
  /** `until`: AVG_DAYS and AVG_MINUTES end each span at this date field (now when null). */
  measures: { kind: MeasureKind; field: string | null; until?: string | null; label?: string | null }[];
  sort?: { key: string; direction: 'ASC' | 'DESC' }[] | null;
  limit?: number | null;
  dateField?: string | null;
}

export interface SavedReport {
  id: string;
  name: string;
  shared: boolean;
  object: string;
  editable: boolean;
  owner: { id: string; name: string };
  definition: ReportDefinitionInput & { timeZone: string | null };
}

export interface DashboardWidget {
  id: string;
  reportId: string;
  chart: ChartType;
  title: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DashboardFilters {
  /** A DATE/DATETIME filter operand: `{gte, lt}` or `{within: {period}}`. */
  dateRange: Record<string, unknown> | null;
  members: string[] | null;
  memberField: string | null;
}

export interface Dashboard {
  id: string;
  name: string;
  shared: boolean;
  editable: boolean;
  owner: { id: string; name: string };
  widgets: DashboardWidget[];
  filters: DashboardFilters;
}

export type DashboardWidgetInput = Omit<DashboardWidget, 'id'> & { id?: string | null };

const resultFields = `
  object
  columns { key kind label fieldType field bucket measure }
  rows { keys labels values currency }
  totals { keys labels values currency }
  truncated
  timeZone
`;

const reportFields = `
  id
  name
  shared
  object
  editable
  owner { id name }
  definition {
    object
    filter
    groupBy { field bucket }
    measures { kind field until label }
    sort { key direction }
    limit
    timeZone
    dateField
  }
`;

const dashboardFields = `
  id
  name
  shared
  editable
  owner { id name }
  widgets { id reportId chart title x y w h }
  filters { dateRange members memberField }
`;

export const RUN_REPORT: TypedDocumentNode<
  { runReport: ReportResult },
  { definition: ReportDefinitionInput; dashboard?: string | null }
> = gql`
  query RunReport($definition: ReportDefinitionInput!, $dashboard: ID) {
    runReport(definition: $definition, dashboard: $dashboard) { ${resultFields} }
  }
`;

export const REPORT_RESULT: TypedDocumentNode<
  { reportResult: ReportResult },
  { id: string; dashboard?: string | null }
> = gql`
  query ReportResult($id: ID!, $dashboard: ID) {
    reportResult(id: $id, dashboard: $dashboard) { ${resultFields} }
  }
`;

export const REPORT_DRILL_DOWN: TypedDocumentNode<
  { reportDrillDown: { object: string; filter: unknown } },
  {
    keys: (string | null)[];
    id?: string | null;
    definition?: ReportDefinitionInput | null;
    dashboard?: string | null;
    currency?: string | null;
  }
> = gql`
  query ReportDrillDown(
    $keys: [String]!
    $id: ID
    $definition: ReportDefinitionInput
    $dashboard: ID
    $currency: String
  ) {
    reportDrillDown(
      keys: $keys
      id: $id
      definition: $definition
      dashboard: $dashboard
      currency: $currency
    ) {
      object
      filter
    }
  }
`;

export const REPORTS: TypedDocumentNode<{ reports: SavedReport[] }, { object?: string | null }> = gql`
  query Reports($object: String) {
    reports(object: $object) { ${reportFields} }
  }
`;

export const REPORT: TypedDocumentNode<{ report: SavedReport }, { id: string }> = gql`
  query Report($id: ID!) {
    report(id: $id) { ${reportFields} }
  }
`;

export const CREATE_REPORT: TypedDocumentNode<
  { createReport: SavedReport },
  { input: { name: string; shared: boolean; definition: ReportDefinitionInput } }
> = gql`
  mutation CreateReport($input: CreateReportInput!) {
    createReport(input: $input) { ${reportFields} }
  }
`;

export const UPDATE_REPORT: TypedDocumentNode<
  { updateReport: SavedReport },
  { id: string; input: { name?: string; shared?: boolean; definition?: ReportDefinitionInput } }
> = gql`
  mutation UpdateReport($id: ID!, $input: UpdateReportInput!) {
    updateReport(id: $id, input: $input) { ${reportFields} }
  }
`;

export const DELETE_REPORT: TypedDocumentNode<{ deleteReport: boolean }, { id: string }> = gql`
  mutation DeleteReport($id: ID!) {
    deleteReport(id: $id)
  }
`;

export const DASHBOARDS: TypedDocumentNode<{ dashboards: Dashboard[] }, Record<string, never>> = gql`
  query Dashboards {
    dashboards { ${dashboardFields} }
  }
`;

/** With the cursor its refresh subscription resumes from (read before any widget's result). */
export const DASHBOARD: TypedDocumentNode<{ dashboard: Dashboard; dashboardCursor: string }, { id: string }> =
  gql`
  query Dashboard($id: ID!) {
    dashboard(id: $id) { ${dashboardFields} }
    dashboardCursor: changeCursor
  }
`;

export const CREATE_DASHBOARD: TypedDocumentNode<
  { createDashboard: Dashboard },
  { input: { name: string; shared: boolean; widgets?: DashboardWidgetInput[] } }
> = gql`
  mutation CreateDashboard($input: CreateDashboardInput!) {
    createDashboard(input: $input) { ${dashboardFields} }
  }
`;

export const UPDATE_DASHBOARD: TypedDocumentNode<
  { updateDashboard: Dashboard },
  {
    id: string;
    input: { name?: string; shared?: boolean; widgets?: DashboardWidgetInput[]; filters?: DashboardFilters };
  }
> = gql`
  mutation UpdateDashboard($id: ID!, $input: UpdateDashboardInput!) {
    updateDashboard(id: $id, input: $input) { ${dashboardFields} }
  }
`;

export const DELETE_DASHBOARD: TypedDocumentNode<{ deleteDashboard: boolean }, { id: string }> = gql`
  mutation DeleteDashboard($id: ID!) {
    deleteDashboard(id: $id)
  }
`;

export interface DashboardRefresh {
  dashboardId: string;
  widgetIds: string[];
  reportIds: string[];
  reason: string;
  /** New results pushed by the server: written where REPORT_RESULT keeps them. */
  results: { widgetId: string; reportId: string; result: ReportResult }[];
}

export const DASHBOARD_REFRESH: TypedDocumentNode<
  { dashboardRefresh: DashboardRefresh },
  { id: string; after: string | null }
> = gql`
  subscription DashboardRefresh($id: ID!, $after: String) {
    dashboardRefresh(id: $id, after: $after) {
      dashboardId
      widgetIds
      reportIds
      reason
      results { widgetId reportId result { ${resultFields} } }
    }
  }
`;
