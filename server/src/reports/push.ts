import type { MikroORM } from '@mikro-orm/postgresql';
import type { WorkspaceAccess } from '../identity/index.js';
import { loadMetadata, type MetadataCache } from '../metadata/index.js';
import type { Logger } from '../platform/index.js';
import type { FilterLimits } from '../records/index.js';
import { canSee } from '../views/index.js';
import { DashboardRow, ReportRow } from './entity.js';
import type { ReportWatch, WidgetResult } from './live.js';
import { dependsOnReader, resultKey, sharedRun } from './results.js';
import type { ReportRollups } from './rollup.js';
import type { ReportResult } from './run.js';

/**
 * Push, don't pull: when a dashboard's widgets need refreshing, their new results travel in the
 * subscription event. Each distinct result is computed once for every subscriber of this process
 * however many watch it: the subscribers' dashboards and reports are read in one query each, each
 * subscriber's right to see them is checked as `reportResult` checks it, and the results come from
 * the same shared entry `reportResult` reads (results.ts), keyed by what they depend on.
 */

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface RefreshRequest {
  /** The subscriber, as it was let in (its dashboard was visible then). */
  access: WorkspaceAccess;
  dashboardId: string;
  /** The widgets to refresh; null: all of the dashboard's (after an edit). */
  widgetIds: string[] | null;
}

export interface PushDeps {
  orm: MikroORM;
  metadataCache: MetadataCache;
  filterLimits: FilterLimits;
  rollups?: ReportRollups;
  logger: Logger;
}

export class WidgetPush {
  constructor(
    private readonly deps: PushDeps,
    private readonly watch: Pick<ReportWatch, 'generation'>,
  ) {}

  /** The results each request's subscriber would read now; a widget it may not read is left out. */
  async results(requests: readonly RefreshRequest[]): Promise<WidgetResult[][]> {
    const em = this.deps.orm.em.fork();
    const dashboards = await em.find(
      DashboardRow,
      { id: { $in: [...new Set(requests.map((r) => r.dashboardId))] } },
      { populate: ['owner'] },
    );
    const reportIds = [...new Set(dashboards.flatMap((d) => d.widgets.map((w) => w.reportId)))];
    const reports = reportIds.length
      ? await em.find(ReportRow, { id: { $in: reportIds } }, { populate: ['owner'] })
      : [];
    const started = performance.now();
    // One computation per key in this refresh, even where nothing shares it across refreshes.
    const computed = new Map<string, Promise<ReportResult>>();
    // Each widget's key, worked out once per (dashboard, report, reader when it matters): twenty
    // viewers of one dashboard resolve its reports once, not twenty times.
    const keys = new Map<string, string>();
    let computations = 0;
    const out: WidgetResult[][] = [];
    // One subscriber after the other: the reports run one at a time beside the people working.
    for (const [n, request] of requests.entries()) {
      // A turn of the event loop between subscribers lets the people working in.
      if (n) await nextTurn();
      const { workspaceId } = request.access;
      const dashboard = dashboards.find((d) => d.id === request.dashboardId);
      const mine: WidgetResult[] = [];
      out.push(mine);
      if (!dashboard || dashboard.workspace.id !== workspaceId || !canSee(dashboard, request.access))
        continue;
      const metadata =
        (await this.deps.metadataCache.get(em, workspaceId)) ?? (await loadMetadata(em, workspaceId));
      const reader = {
        em,
        metadata,
        userId: request.access.caller.user.id,
        filterLimits: this.deps.filterLimits,
        rollups: this.deps.rollups,
        // Every change before this refresh began is in it; those since bring another refresh
        // (live.ts). So a widget whose rollup an earlier widget's read brought forward reads it as it is.
        asOf: started,
      };
      for (const widget of dashboard.widgets) {
        if (request.widgetIds && !request.widgetIds.includes(widget.id)) continue;
        const report = reports.find((r) => r.id === widget.reportId);
        if (!report || report.workspace.id !== workspaceId || !canSee(report, request.access)) continue;
        const text = JSON.stringify([report.definition, dashboard.filters]);
        const memo = `${workspaceId}|${metadata.version}|${dashboard.id}|${report.id}|${dependsOnReader(text) ? reader.userId : ''}`;
        let key = keys.get(memo);
        if (key === undefined) {
          const shared = resultKey(workspaceId, this.watch, reader, report.definition, dashboard.filters);
          key = `${widget.reportId}|${
            shared ??
            JSON.stringify([
              workspaceId,
              metadata.version,
              reader.userId,
              report.definition,
              dashboard.filters,
            ])
          }`;
          if (shared !== null) keys.set(memo, key);
        }
        let result = computed.get(key);
        if (!result) {
          computations += 1;
          result = sharedRun(workspaceId, this.watch, reader, report.definition, dashboard.filters);
          computed.set(key, result);
        }
        try {
          mine.push({ widgetId: widget.id, reportId: widget.reportId, result: await result });
        } catch (error) {
          // The subscriber reads it and meets the error as `reportResult` gives it.
          this.deps.logger.debug({ err: error, reportId: widget.reportId }, 'dashboard push: no result');
        }
      }
    }
    this.deps.logger.debug(
      { subscribers: requests.length, computations, ms: Math.round(performance.now() - started) },
      'dashboard refresh pushed',
    );
    return out;
  }
}
