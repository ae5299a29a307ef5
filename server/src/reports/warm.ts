import type { MikroORM } from '@mikro-orm/postgresql';
import type { MetadataCache } from '../metadata/index.js';
import { onEachEvent, setBounded, type EventBus, type Logger } from '../platform/index.js';
import type { FilterLimits } from '../records/index.js';
import type { DashboardFilters, DashboardWidget, ReportDefinition } from './model.js';
import type { ReportRollups } from './rollup.js';
import { warmReport } from './run.js';

/**
 * Rollups built before anyone asks. A cold rollup over a million rows takes seconds (the direct
 * statement alone is over a second), and a dashboard's first load used to build one per widget at
 * once; so this process builds them in the background, one at a time:
 *
 * - a report created, or whose definition changed, as read alone and as a widget of each
 *   dashboard it sits on (a dashboard's filters make another rollup);
 * - a dashboard's widgets when it is created or changed;
 * - at start, the reports on dashboards, the most recently opened dashboards first, as many as
 *   the process keeps (`REPORT_ROLLUPS_MAX`);
 * - after a metadata change of a workspace whose reports it warmed (heard from any process): a
 *   change that alters a report's SQL (a stage's probability, a field's type) makes another
 *   rollup key, which is built again; an unchanged key is found kept and costs nothing.
 *
 * Rollups belong to the process that reads them, so each process warms its own: with several
 * processes each builds every dashboard's rollups at start, and a report saved through one is
 * warm there only (another builds it on its first read, or at its next start).
 *
 * A read that arrives while its rollup is being built waits for that build (rollup.ts queues
 * the reads of an object's rollups); a target queued but not started yet is built by the read,
 * and the warm-up then finds it kept.
 */

/** A report to warm, alone or as a widget of a dashboard; read again from the database when its turn comes. */
export interface WarmTarget {
  workspaceId: string;
  reportId: string;
  dashboardId: string | null;
}

export interface WarmerDeps {
  orm: MikroORM;
  rollups: ReportRollups;
  metadataCache: MetadataCache;
  filterLimits: FilterLimits;
  events: EventBus;
  logger: Logger;
  /** Rollups kept at once: start-up warms at most this many. */
  max: number;
}

type Outcome = 'built' | 'kept' | 'direct' | 'gone';

/** Targets remembered per process for re-warming after a metadata change. */
const rememberedMax = 256;

type Job = () => Promise<unknown>;

/** Jobs run one at a time, urgent ones (what people just saved) before the backlog (start-up's, metadata's). */
export class WarmQueue {
  private readonly urgent: Job[] = [];
  private readonly later: Job[] = [];
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly failed: (error: unknown) => void) {}

  push(urgent: boolean, job: Job): void {
    if (this.closed) return;
    (urgent ? this.urgent : this.later).push(job);
    this.running ??= this.drain();
  }

  /** Settles once every job pushed so far (and any they push) has run. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Runs no job not yet started; settles once the one running has ended. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private async drain(): Promise<void> {
    // Past the caller's `running ??=`: the `finally` below must clear what it set.
    await null;
    try {
      for (;;) {
        const job = this.closed ? undefined : (this.urgent.shift() ?? this.later.shift());
        if (!job) return;
        await job().catch(this.failed);
      }
    } finally {
      this.running = null;
    }
  }
}

export class RollupWarmer {
  private readonly jobs = new WarmQueue((error) =>
    this.deps.logger.warn({ err: error }, 'report rollup warm-up failed'),
  );
  private readonly queued = new Set<string>();
  private readonly remembered = new Map<string, WarmTarget>();
  /** What ends each workspace's metadata watch. */
  private readonly watched = new Map<string, () => Promise<void>>();
  private closed = false;

  constructor(private readonly deps: WarmerDeps) {}

  /** Queues targets; each is built in the background, one at a time. */
  warm(targets: readonly WarmTarget[], urgent = true): void {
    for (const target of targets) {
      const id = targetId(target);
      this.remember(id, target);
      if (this.queued.has(id)) continue;
      this.queued.add(id);
      this.push(urgent, async () => {
        this.queued.delete(id);
        await this.warmOne(target);
      });
    }
  }

  /** A saved report: alone, then as a widget of every dashboard it sits on. */
  warmReport(workspaceId: string, reportId: string): void {
    this.warm([{ workspaceId, reportId, dashboardId: null }]);
    this.push(true, async () => {
      const boards = await this.deps.orm.em.fork().execute<{ id: string }[]>(
        `select id::text as id from dashboard where workspace_id = ? and widgets @> ?::jsonb
          order by read_at desc nulls last, updated_at desc`,
        [workspaceId, JSON.stringify([{ reportId }])],
      );
      this.warm(boards.map((b) => ({ workspaceId, reportId, dashboardId: b.id })));
    });
  }

  /** A dashboard's widgets, top left first. */
  warmDashboard(workspaceId: string, dashboardId: string, widgets: readonly DashboardWidget[]): void {
    this.warm(
      [...widgets]
        .sort((a, b) => a.y - b.y || a.x - b.x)
        .map((w) => ({ workspaceId, reportId: w.reportId, dashboardId })),
    );
  }

  /** At server start: the widgets of all dashboards, last opened first, until `max` are kept. */
  start(): void {
    this.push(false, async () => {
      const em = this.deps.orm.em.fork();
      const boards = await em.execute<{ id: string; workspace_id: string; widgets: DashboardWidget[] }[]>(
        `select id::text as id, workspace_id::text as workspace_id, widgets from dashboard
          order by read_at desc nulls last, updated_at desc limit 1000`,
      );
      const budget = { kept: 0 };
      for (const board of boards)
        for (const widget of [...board.widgets].sort((a, b) => a.y - b.y || a.x - b.x)) {
          const target = {
            workspaceId: board.workspace_id,
            reportId: widget.reportId,
            dashboardId: board.id,
          };
          this.push(false, async () => {
            if (budget.kept >= this.deps.max) return;
            this.remember(targetId(target), target);
            const outcome = await this.warmOne(target);
            if (outcome === 'built' || outcome === 'kept') budget.kept += 1;
          });
        }
    });
  }

  /** Settles once everything queued so far is built. */
  idle(): Promise<void> {
    return this.jobs.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.watched.values()) await stop();
    this.watched.clear();
    await this.jobs.close();
  }

  private push(urgent: boolean, job: Job): void {
    if (!this.closed) this.jobs.push(urgent, job);
  }

  private async warmOne(target: WarmTarget): Promise<Outcome> {
    if (this.closed) return 'gone';
    const em = this.deps.orm.em.fork();
    try {
      const [report] = await em.execute<{ owner_id: string; definition: ReportDefinition }[]>(
        'select owner_id::text as owner_id, definition from report where id = ? and workspace_id = ?',
        [target.reportId, target.workspaceId],
      );
      if (!report) return 'gone';
      let filters: DashboardFilters | null = null;
      let userId = report.owner_id;
      if (target.dashboardId) {
        const [board] = await em.execute<{ owner_id: string; filters: DashboardFilters }[]>(
          'select owner_id::text as owner_id, filters from dashboard where id = ? and workspace_id = ?',
          [target.dashboardId, target.workspaceId],
        );
        if (!board) return 'gone';
        // The dashboard's owner is the likeliest reader: an `isMe` filter reads as theirs.
        ({ filters, owner_id: userId } = board);
      }
      const metadata = await this.deps.metadataCache.get(em, target.workspaceId);
      if (!metadata) return 'gone';
      this.watchMetadata(target.workspaceId);
      const outcome = await warmReport(
        { em, metadata, userId, filterLimits: this.deps.filterLimits, rollups: this.deps.rollups },
        report.definition,
        filters,
      );
      this.deps.logger.debug({ ...target, outcome }, 'report rollup warm-up');
      return outcome;
    } catch (error) {
      // A report metadata no longer allows (an archived field): its reads will say why.
      this.deps.logger.debug({ err: error, ...target }, 'report rollup not warmed');
      return 'direct';
    }
  }

  private remember(id: string, target: WarmTarget): void {
    setBounded(this.remembered, id, target, rememberedMax);
  }

  /** Metadata changes of a workspace warmed here re-warm what was warmed in it (see the module comment). */
  private watchMetadata(workspaceId: string): void {
    if (this.closed || this.watched.has(workspaceId)) return;
    const stop = onEachEvent(
      this.deps.events.subscribe('workspace.metadata', workspaceId),
      () => {
        if (this.closed) return;
        const targets = [...this.remembered.values()].filter((t) => t.workspaceId === workspaceId);
        this.warm(targets.reverse(), false);
      },
      (error) => this.deps.logger.warn({ err: error }, 'report rollup metadata watch ended'),
    );
    this.watched.set(workspaceId, stop);
  }
}

function targetId(t: WarmTarget): string {
  return `${t.workspaceId}|${t.reportId}|${t.dashboardId ?? ''}`;
}
