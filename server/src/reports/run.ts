import type { ReportColumn, ReportResult, ReportResultRow } from '@crm/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { qualified, quote, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import {
  compileFilter,
  type FilterLimits,
  type RecordFilter,
  type RecordScope,
  type Sql,
} from '../records/index.js';
import { compileReport } from './compile.js';
import type { DashboardFilters, ReportDefinition } from './model.js';
import { resolveReport, type ResolvedGroup, type ResolvedReport } from './resolve.js';
import type { ReportRollups } from './rollup.js';

export type { ReportColumn, ReportResult, ReportResultRow };

export interface ReportReader {
  em: EntityManager;
  metadata: WorkspaceMetadata;
  userId: string;
  filterLimits?: FilterLimits;
  /** Kept aggregates of reports read before (none: every run reads the table). */
  rollups?: ReportRollups;
  /** The reader's record scope (their permission profile); none: every record. */
  scope?: RecordScope;
  /**
   * What a read must see (`performance.now()` clock): every commit before this moment; a
   * rollup brought forward since is read as it is. None: the moment the read starts.
   */
  asOf?: number;
}

/** The conditions a report adds to its rows: its filter, then the dashboard's range and members. */
export function reportConditions(
  reader: ReportReader,
  report: ResolvedReport,
  dashboard: DashboardFilters | null,
  path: string[],
  now = new Date(),
): Sql[] {
  let n = 0;
  const scope = {
    metadata: reader.metadata,
    object: report.object,
    alias: 't',
    limits: reader.filterLimits,
    reader: { userId: reader.userId, timeZone: report.timeZone, now },
    nextAlias: (prefix: string) => `${prefix}${++n}`,
    rowScope:
      reader.scope && ((object: ObjectDef, alias: string) => reader.scope!.rows(object, 'read', alias)),
  };
  const parts = [compileFilter(scope, report.definition.filter, [...path, 'filter'])];
  for (const filter of dashboardFilters(report, dashboard))
    parts.push(compileFilter(scope, filter.filter, filter.path));
  parts.push(reader.scope?.rows(report.object, 'read', 't') ?? null);
  return parts.filter((p): p is Sql => p !== null);
}

/** The dashboard's range and member filter as record filters on one report's object. */
export function dashboardFilters(
  report: ResolvedReport,
  dashboard: DashboardFilters | null,
): { filter: RecordFilter; path: string[] }[] {
  const out: { filter: RecordFilter; path: string[] }[] = [];
  if (dashboard?.dateRange) {
    out.push({ filter: { [dateFieldOf(report)]: dashboard.dateRange }, path: ['dashboard', 'dateRange'] });
  }
  if (dashboard?.members?.length) {
    out.push({
      filter: { [dashboard.memberField ?? 'owner']: { in: dashboard.members } },
      path: ['dashboard', 'members'],
    });
  }
  return out;
}

/** The field a dashboard's date range applies to: the report's own choice, its first date group-by, or createdAt. */
export function dateFieldOf(report: ResolvedReport): string {
  if (report.definition.dateField) return report.definition.dateField;
  const byDate = report.groups.find((g) => g.bucket && !g.via);
  return byDate?.path ?? 'createdAt';
}

export async function runReport(
  reader: ReportReader,
  definition: ReportDefinition,
  dashboard: DashboardFilters | null,
  path: string[],
): Promise<ReportResult> {
  const report = resolveReport(reader.metadata, definition, path);
  const now = new Date();
  const where = reportConditions(reader, report, dashboard, path, now);
  const raw =
    (await rolledUp(reader, report, dashboard, path, now, where)) ??
    (await direct(reader, compileReport(report, where)));
  const toRow = (r: Record<string, unknown>): ReportResultRow => ({
    keys: report.groups.map((_, i) => (r[`g${i}`] === null ? null : String(r[`g${i}`]))),
    labels: [],
    values: report.measures.map((_, i) => (r[`m${i}`] === null ? null : Number(r[`m${i}`]))),
    currency: report.currency ? ((r.cur as string | null) ?? null) : null,
  });
  const totals = raw.filter((r) => Number(r.total) === 1).map(toRow);
  const detail = report.groups.length ? raw.filter((r) => Number(r.total) !== 1).map(toRow) : totals;
  const truncated = detail.length > report.limit;
  const rows = detail.slice(0, report.limit);
  await labelRows(reader, report, rows);
  return {
    object: report.object.key,
    columns: columnsOf(report),
    rows,
    totals,
    truncated,
    timeZone: report.timeZone,
  };
}

function direct(reader: ReportReader, statement: Sql): Promise<Record<string, unknown>[]> {
  return reader.em.execute<Record<string, unknown>[]>(statement.sql, statement.params);
}

/** From the report's rollup, when it has one; its filter must read the same a day later (no relative dates). */
function rolledUp(
  reader: ReportReader,
  report: ResolvedReport,
  dashboard: DashboardFilters | null,
  path: string[],
  now: Date,
  where: Sql[],
): Promise<Record<string, unknown>[] | null> {
  if (!reader.rollups) return Promise.resolve(null);
  return reader.rollups.read(
    reader.em,
    report,
    where,
    timeIndependent(reader, report, dashboard, path, now, where),
    reader.asOf,
  );
}

/** Whether the conditions compile the same 40 days later: no relative dates, nothing the clock moves. */
function timeIndependent(
  reader: ReportReader,
  report: ResolvedReport,
  dashboard: DashboardFilters | null,
  path: string[],
  now: Date,
  where: Sql[],
): boolean {
  const later = reportConditions(reader, report, dashboard, path, new Date(now.getTime() + 86_400_000 * 40));
  return JSON.stringify(later) === JSON.stringify(where);
}

/**
 * Builds the rollup `runReport` would read for this definition (with these dashboard filters),
 * without reading it: see warm.ts. A definition that no longer resolves is left alone.
 */
export async function warmReport(
  reader: ReportReader,
  definition: ReportDefinition,
  dashboard: DashboardFilters | null,
): Promise<'built' | 'kept' | 'direct'> {
  if (!reader.rollups) return 'direct';
  const path = ['definition'];
  const report = resolveReport(reader.metadata, definition, path);
  const now = new Date();
  const where = reportConditions(reader, report, dashboard, path, now);
  return reader.rollups.warm(
    reader.em,
    report,
    where,
    timeIndependent(reader, report, dashboard, path, now, where),
  );
}

function columnsOf(report: ResolvedReport): ReportColumn[] {
  return [
    ...report.groups.map((g, i) => ({
      key: `g${i}`,
      kind: 'GROUP' as const,
      label: g.via ? `${g.via.label} › ${g.field.label}` : g.field.label,
      fieldType: g.field.type,
      field: g.path,
      bucket: g.bucket,
      measure: null,
    })),
    ...report.measures.map((m, i) => ({
      key: `m${i}`,
      kind: 'MEASURE' as const,
      label: m.label || (m.ref ? `${m.kind} ${m.ref.field.label}` : 'Count'),
      fieldType: m.ref?.field.type ?? null,
      field: m.ref?.path ?? null,
      bucket: null,
      measure: m.kind,
    })),
  ];
}

/** Names for the keys people cannot read: choices and stages from metadata, members and records by id. */
async function labelRows(reader: ReportReader, report: ResolvedReport, rows: ReportResultRow[]) {
  // One after the other: the reader's connection may be a transaction's, which runs one query at a time.
  const labellers: ((key: string) => string | null)[] = [];
  for (const group of report.groups) labellers.push(await labeller(reader, group, rows, report));
  for (const row of rows) row.labels = row.keys.map((key, i) => (key === null ? null : labellers[i]!(key)));
}

async function labeller(
  reader: ReportReader,
  group: ResolvedGroup,
  rows: ReportResultRow[],
  report: ResolvedReport,
): Promise<(key: string) => string | null> {
  const { field } = group;
  if (field.type === 'STAGE' || field.type === 'SELECT') {
    const names = new Map<string, string>(
      field.type === 'STAGE'
        ? (field.options.pipelines ?? []).flatMap((p) =>
            p.stages.map((s) => [s.key, s.label] as [string, string]),
          )
        : (field.options.choices ?? []).map((c) => [c.key, c.label] as [string, string]),
    );
    return (key) => names.get(key) ?? key;
  }
  const index = report.groups.indexOf(group);
  const ids = [...new Set(rows.map((r) => r.keys[index]).filter((k): k is string => k !== null))];
  if (!ids.length) return () => null;
  if (field.type === 'USER') {
    const users = await reader.em.execute<{ id: string; name: string }[]>(
      'select id::text, name from app_user where id = any(?::uuid[])',
      [`{${ids.join(',')}}`],
    );
    const names = new Map(users.map((u) => [u.id, u.name]));
    return (key) => names.get(key) ?? null;
  }
  if (field.type === 'RELATION') {
    const target = reader.metadata.objects.find((o) => o.id === field.options.targetObjectId);
    const labelField = target?.fields.find((f) => f.id === target.labelFieldId);
    if (!target || !labelField?.column) return () => null;
    const records = await reader.em.execute<{ id: string; label: string | null }[]>(
      `select id::text, ${quote(labelField.column)}::text as label from ${qualified(reader.metadata.schema, target.table)} where id = any(?::uuid[])`,
      [`{${ids.join(',')}}`],
    );
    const names = new Map(records.map((r) => [r.id, r.label]));
    return (key) => names.get(key) ?? null;
  }
  return (key) => key;
}
