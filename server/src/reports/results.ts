import { readAccess, readerFor } from './access.js';
import type { DashboardRow } from './entity.js';
import { getDashboard } from './dashboards.js';
import { ReportCache, type ReportWatch, type WatchedWidget } from './live.js';
import type { DashboardFilters, ReportDefinition } from './model.js';
import { getReport } from './reports.js';
import { resolveReport } from './resolve.js';
import { runReport, type ReportReader, type ReportResult } from './run.js';
import type { ReportContext } from './services.js';

/** A saved report's data, optionally as a widget of a dashboard (its range and members applied). */

const cache = new ReportCache<ReportResult>();

export async function savedReportResult(
  ctx: ReportContext,
  reportId: string,
  dashboardId: string | null,
): Promise<ReportResult> {
  const row = await getReport(ctx, reportId);
  const dashboard = dashboardId ? await getDashboard(ctx, dashboardId) : null;
  return cachedRun(ctx, row.definition, dashboard?.filters ?? null);
}

/** Runs a definition; while a dashboard here watches its objects, equal asks share one query. */
export async function cachedRun(
  ctx: ReportContext,
  definition: ReportDefinition,
  filters: DashboardFilters | null,
): Promise<ReportResult> {
  const reader = await readerFor(ctx);
  return sharedRun(readAccess(ctx).workspaceId, ctx.services.reportWatch, reader, definition, filters);
}

/**
 * One computation per distinct key while the objects read are watched: what a `reportResult`
 * asks and what a refresh pushes (push.ts) come from the same entry.
 */
export function sharedRun(
  workspaceId: string,
  watch: Pick<ReportWatch, 'generation'>,
  reader: ReportReader,
  definition: ReportDefinition,
  filters: DashboardFilters | null,
): Promise<ReportResult> {
  const key = resultKey(workspaceId, watch, reader, definition, filters);
  return cache.get(key, () => runReport(reader, definition, filters, ['definition']));
}

/**
 * What a result depends on: the workspace's metadata, the refresh of every object it reads, the
 * definition and dashboard filters, and the reader only when the filter says `isMe`. Who may
 * see the report is checked before (reports and dashboards are visible or not, whole); null
 * when an object read is not watched (nothing tells when the result goes stale).
 */
export function resultKey(
  workspaceId: string,
  watch: Pick<ReportWatch, 'generation'>,
  reader: ReportReader,
  definition: ReportDefinition,
  filters: DashboardFilters | null,
): string | null {
  const generations: number[] = [];
  for (const objectId of objectsRead(reader, definition)) {
    const generation = watch.generation(workspaceId, objectId);
    if (generation === null) return null;
    generations.push(generation);
  }
  const text = JSON.stringify([definition, filters]);
  // `isMe` reads differently for each reader; everything else is the same for all.
  const who = dependsOnReader(text) ? reader.userId : '';
  return `${workspaceId}|${reader.metadata.version}|${generations.join(',')}|${who}|${text}`;
}

/** Whether a result of this definition and filters (as JSON) depends on who reads it: its filter says `isMe`. */
export function dependsOnReader(definitionAndFilters: string): boolean {
  return definitionAndFilters.includes('"isMe"');
}

/** The objects a definition reads: its own and those of the related fields it joins. */
export function objectsRead(reader: ReportReader, definition: ReportDefinition): string[] {
  try {
    const report = resolveReport(reader.metadata, definition, ['definition']);
    const via = [...report.groups, ...report.measures.flatMap((m) => (m.ref ? [m.ref] : []))]
      .map((g) => g.via?.options.targetObjectId)
      .filter((id): id is string => !!id);
    return [...new Set([report.object.id, ...via])];
  } catch {
    return [];
  }
}

/** The widgets of a dashboard with the objects each reads, for the live watch. */
export async function watchedWidgets(ctx: ReportContext, dashboard: DashboardRow): Promise<WatchedWidget[]> {
  const reader = await readerFor(ctx);
  const out: WatchedWidget[] = [];
  for (const widget of dashboard.widgets) {
    const report = await getReport(ctx, widget.reportId).catch(() => null);
    if (!report) continue;
    out.push({ widgetId: widget.id, reportId: report.id, objectIds: objectsRead(reader, report.definition) });
  }
  return out;
}
