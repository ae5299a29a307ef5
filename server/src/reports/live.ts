import type { WorkspaceAccess } from '../identity/index.js';
import { FeedQueue, setBounded, type Logger } from '../platform/index.js';
import type { ChangeEvent, FeedSubscription } from '../realtime/index.js';
import type { RefreshRequest } from './push.js';
import type { ReportResult } from './run.js';

/**
 * Live dashboards, cheaply: one change-feed listener per (workspace, object) in this process,
 * whatever the number of open dashboards, that reads nothing itself and coalesces changes into
 * refreshes: the first change schedules one `delayMs` later, and no two leave closer than
 * `minGapMs`, so 100 writes a second reach every dashboard of the object as one event every few
 * seconds, all at once. Each event carries the widgets' new results (push.ts), each distinct one
 * computed once for every subscriber here, so clients apply them without asking again.
 *
 * What a refresh costs grows with the object and the dashboards (a million records' rollups
 * brought forward, twenty subscribers told), and the people working share the database and this
 * process with it. So the gap also follows the last refresh's cost: one that took `t` ms is
 * followed no sooner than `t / share` ms later (`share` of the time at most, 2 % by default), and
 * never later than `maxGapMs` while changes keep coming.
 */

export interface WidgetResult {
  widgetId: string;
  reportId: string;
  result: ReportResult;
}

export interface DashboardRefresh {
  dashboardId: string;
  /** The widgets whose records changed (all of them after an edit of the dashboard). */
  widgetIds: string[];
  reportIds: string[];
  reason: 'DATA' | 'EDITED';
  /** New results of those widgets; a widget named above without one is read again by the client. */
  results: WidgetResult[];
}

/** Computes the results a refresh carries, for many subscribers at once. */
export interface RefreshResults {
  results(requests: readonly RefreshRequest[]): Promise<WidgetResult[][]>;
}

export interface WatchedWidget {
  widgetId: string;
  reportId: string;
  /** The objects the widget's report reads: its own, and those its related fields join. */
  objectIds: string[];
}

interface FeedSource {
  subscribe(request: FeedSubscription): AsyncIterable<ChangeEvent>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Results by identity: one computed result is the same object for every subscriber given it. */
const resultIds = new WeakMap<object, number>();
let lastResultId = 0;

/** What makes two refresh events the same: their dashboard, widgets, reason and each result itself. */
function eventKey(event: DashboardRefresh): string {
  const results = event.results.map((r) => {
    let id = resultIds.get(r.result);
    if (id === undefined) resultIds.set(r.result, (id = ++lastResultId));
    return `${r.widgetId}:${r.reportId}:${id}`;
  });
  return JSON.stringify([event.dashboardId, event.reason, event.widgetIds, event.reportIds, results]);
}

/**
 * Epochs come from one counter for the process: a feed stopped (its last dashboard left) and
 * started again must not reuse an epoch whose cached results predate the changes in between.
 */
let lastEpoch = 0;

interface ObjectFeed {
  /** Bumped once per coalesced refresh: what cached results are keyed by. */
  epoch: number;
  timer: NodeJS.Timeout | undefined;
  lastFlush: number;
  /** How long the last refresh took to compute and hand out (ms). */
  costMs: number;
  /** A refresh is being computed: a change meanwhile schedules the next once it is done (`missed`). */
  busy: boolean;
  missed: boolean;
  stopped: boolean;
  watchers: Set<Watcher>;
  stop: () => void;
}

interface Watcher {
  dashboardId: string;
  access: WorkspaceAccess;
  /** The widgets a change of this object (null: an edit) refreshes, if any. */
  chosen(objectId: string | null): WatchedWidget[];
  queue: FeedQueue<DashboardRefresh>;
}

export interface ReportWatchOptions {
  delayMs?: number;
  minGapMs?: number;
  /** The longest gap between two refreshes of an object while its records keep changing. */
  maxGapMs?: number;
  /** The share of the time (0–1] one object's refreshes may take (see the module comment). */
  share?: number;
}

export class ReportWatch {
  private readonly feeds = new Map<string, ObjectFeed>();
  private readonly dashboards = new Map<string, Set<Watcher>>();
  private readonly delayMs: number;
  private readonly minGapMs: number;
  private readonly maxGapMs: number;
  private readonly share: number;
  /** Without it, events name the widgets only and clients read them again. */
  private results?: RefreshResults;
  /** Refreshes are computed and sent one after the other, so a subscriber never gets an older one last. */
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: FeedSource,
    private readonly logger: Logger,
    options: ReportWatchOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 1000;
    this.minGapMs = options.minGapMs ?? 3000;
    this.maxGapMs = Math.max(this.minGapMs, options.maxGapMs ?? 15_000);
    this.share = options.share ?? 0.02;
  }

  /** What computes the pushed results (set once the app has built it: it asks this watch for generations). */
  pushResults(results: RefreshResults): void {
    this.results = results;
  }

  /**
   * Which refresh of this object's records this process is at, while a dashboard watches it
   * (null otherwise): part of a cached result's key, so every dashboard told of one refresh
   * reads the same result, computed once.
   */
  generation(workspaceId: string, objectId: string): number | null {
    return this.feeds.get(`${workspaceId}:${objectId}`)?.epoch ?? null;
  }

  /**
   * Refresh events for one dashboard, until the subscriber leaves. With `missed` (the objects
   * changed since the subscriber's read, for a subscription resuming from a `changeCursor`), the
   * widgets of those objects are refreshed for this subscriber at once: the feeds below listen
   * from now on, and what changed between the read and now would otherwise never show.
   */
  watch(
    target: { access: WorkspaceAccess; schema: string; dashboardId: string },
    widgets: WatchedWidget[],
    missed?: () => Promise<string[]>,
  ): AsyncIterable<DashboardRefresh> {
    const { workspaceId } = target.access;
    const objectIds = [...new Set(widgets.flatMap((w) => w.objectIds))];
    const queue = new FeedQueue<DashboardRefresh>(() => {
      for (const id of objectIds) this.leave(`${workspaceId}:${id}`, watcher);
      this.dashboards.get(target.dashboardId)?.delete(watcher);
    });
    const watcher: Watcher = {
      dashboardId: target.dashboardId,
      access: target.access,
      chosen: (objectId) => widgets.filter((w) => objectId === null || w.objectIds.includes(objectId)),
      queue,
    };
    for (const id of objectIds)
      this.join({ workspaceId, schema: target.schema, userId: target.access.caller.user.id }, id, watcher);
    const watchers = this.dashboards.get(target.dashboardId) ?? new Set<Watcher>();
    watchers.add(watcher);
    this.dashboards.set(target.dashboardId, watchers);
    if (missed)
      void missed()
        .then((objectIds) => {
          const stale = widgets.filter((w) => w.objectIds.some((id) => objectIds.includes(id)));
          void this.send([{ watcher, widgets: stale }], 'DATA');
        })
        .catch((error: unknown) => queue.end(error));
    return queue;
  }

  /** A dashboard's layout or filters changed: its subscribers here refresh every widget. */
  dashboardEdited(dashboardId: string): void {
    void this.refresh([...(this.dashboards.get(dashboardId) ?? [])], null);
  }

  stats(): { feeds: number; dashboards: number } {
    return { feeds: this.feeds.size, dashboards: this.dashboards.size };
  }

  /** The gap after a refresh of `feed`: the minimum, or longer after a dear one (see the module comment). */
  private gapAfter(feed: ObjectFeed): number {
    return Math.min(this.maxGapMs, Math.max(this.minGapMs, feed.costMs / this.share));
  }

  /** One change: the object's next refresh is due `delayMs` from now, and `gapAfter` the last. */
  private changed(feed: ObjectFeed, objectId: string): void {
    if (feed.busy) feed.missed = true;
    if (feed.timer || feed.busy || feed.stopped) return;
    const at = Math.max(Date.now() + this.delayMs, feed.lastFlush + this.gapAfter(feed));
    feed.timer = setTimeout(() => {
      feed.timer = undefined;
      feed.lastFlush = Date.now();
      feed.epoch = ++lastEpoch;
      feed.busy = true;
      void this.refresh([...feed.watchers], objectId, feed).finally(() => {
        feed.busy = false;
        // Scheduled now, when what this one cost is known: a dear refresh is not followed at once.
        if (feed.missed) {
          feed.missed = false;
          this.changed(feed, objectId);
        }
      });
    }, at - Date.now());
  }

  /** Tells each watcher whose widgets read `objectId` (null: all, after an edit), with their new results. */
  private refresh(watchers: Watcher[], objectId: string | null, feed?: ObjectFeed): Promise<void> {
    const due = watchers.map((watcher) => ({ watcher, widgets: watcher.chosen(objectId) }));
    return this.send(due, objectId === null ? 'EDITED' : 'DATA', feed);
  }

  /** Tells each watcher of its widgets' new results, in turn after the refreshes before; settles when sent. */
  private send(
    all: { watcher: Watcher; widgets: WatchedWidget[] }[],
    reason: DashboardRefresh['reason'],
    /** The object's feed whose refresh this is: what it cost sets the gap before its next. */
    feed?: ObjectFeed,
  ): Promise<void> {
    const due = all.filter((d) => d.widgets.length);
    if (!due.length) return Promise.resolve();
    this.sending = this.sending
      .then(async () => {
        // Those who left while an earlier refresh was computed are not computed for.
        const still = due.filter((d) => this.dashboards.get(d.watcher.dashboardId)?.has(d.watcher));
        if (!still.length) return;
        const started = performance.now();
        const requests = still.map(({ watcher, widgets }) => ({
          access: watcher.access,
          dashboardId: watcher.dashboardId,
          widgetIds: reason === 'EDITED' ? null : widgets.map((w) => w.widgetId),
        }));
        const results = await (this.results?.results(requests) ?? Promise.resolve([])).catch((error) => {
          // The event still goes: without results, its widgets are read again by the clients.
          this.logger.warn({ err: error }, 'dashboard refresh: results not computed');
          return [];
        });
        // Subscribers told the same thing get the same event object: its execution is then
        // shared between those of one permission scope (sharedSubscribe), not run for each.
        const events = new Map<string, DashboardRefresh>();
        for (const [i, { watcher, widgets }] of still.entries()) {
          // Each subscriber's event is executed and sent in the microtasks after its push: a turn
          // of the event loop between them lets requests in, where twenty in one go held them up.
          if (i) await nextTurn();
          const event: DashboardRefresh = {
            dashboardId: watcher.dashboardId,
            widgetIds: widgets.map((w) => w.widgetId),
            reportIds: [...new Set(widgets.map((w) => w.reportId))],
            reason,
            results: results[i] ?? [],
          };
          const key = eventKey(event);
          const same = events.get(key);
          if (!same) events.set(key, event);
          watcher.queue.push(same ?? event);
        }
        if (feed) feed.costMs = performance.now() - started;
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'dashboard refresh failed'));
    return this.sending;
  }

  private join(
    target: { workspaceId: string; schema: string; userId: string },
    objectId: string,
    watcher: Watcher,
  ): void {
    const key = `${target.workspaceId}:${objectId}`;
    const existing = this.feeds.get(key);
    if (existing) {
      existing.watchers.add(watcher);
      return;
    }
    const events = this.source.subscribe({
      workspaceId: target.workspaceId,
      schema: target.schema,
      userId: target.userId,
      filter: { objectId },
    });
    const iterator = events[Symbol.asyncIterator]();
    const feed: ObjectFeed = {
      epoch: ++lastEpoch,
      timer: undefined,
      lastFlush: 0,
      costMs: 0,
      busy: false,
      missed: false,
      stopped: false,
      watchers: new Set([watcher]),
      stop: () => {
        feed.stopped = true;
        clearTimeout(feed.timer);
        void iterator.return?.();
      },
    };
    this.feeds.set(key, feed);
    void (async () => {
      try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next())
          this.changed(feed, objectId);
      } catch (error) {
        this.logger.warn({ err: error }, 'report watch: the change feed ended');
      }
    })();
  }

  private leave(key: string, watcher: Watcher): void {
    const feed = this.feeds.get(key);
    if (!feed) return;
    feed.watchers.delete(watcher);
    if (feed.watchers.size) return;
    this.feeds.delete(key);
    feed.stop();
  }
}

/**
 * Results shared by everyone asking for the same report with the same filters while its records
 * have not changed: twenty open dashboards refreshing after one write cost one query.
 */
export class ReportCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly max = 500,
  ) {}

  get(key: string | null, compute: () => Promise<T>): Promise<T> {
    if (key === null) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = compute();
    setBounded(this.entries, key, { at: now, value }, this.max);
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
