import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { onEachEvent, type EventBus, type EventTopics, type Logger } from '../platform/index.js';
import {
  readChangeLogPosition,
  readChanges,
  readChangesCommittedSince,
  readSettledChanges,
  type ChangeLogPosition,
  type ChangeLogRow,
  type ChangeLogWatermark,
} from '../records/index.js';
import { matches, toChangeEvent, type ChangeEvent, type ChangeFilter } from './change-event.js';
import type { ChangesWakeUp } from './topics.js';

export interface ChangeListener {
  filter: ChangeFilter;
  userId: string;
  deliver(event: ChangeEvent): void;
  end(): void;
}

const pageSize = 500;
/** While ids wait on transactions in flight, read again after this long (doubling up to the max). */
const settleRetryMs = { first: 10, max: 1_000 };
/**
 * An id no wake-up carried yet, below one that came: its writer usually commits a moment later
 * (ids are drawn in one order and committed in another). Only if it has not come by then, or
 * rolled back, is the log read.
 */
const gapGraceMs = 100;
/** Carried changes kept waiting for a gap to close; past this, they are dropped and the log read. */
const maxCarried = 10_000;

/**
 * The feed of one workspace in this process: woken by the bus, it hands each committed
 * change after its cursor to the local listeners, in id order. Writers draw ids without a
 * lock, so a lower id may commit after a higher one; the cursor therefore only moves to ids
 * that are settled. Most wake-ups carry their (committed) changes: while those follow on from
 * the cursor id by id, they are delivered as they come and nothing is read. Otherwise — a
 * wake-up that carried nothing, or an id missing for longer than `gapGraceMs` (rolled back,
 * or its wake-up lost) — it reads `record_change` (the outbox) and settles ids as
 * `readChangeLogPosition` explains. One per workspace, however many sockets listen.
 */
export class WorkspaceDispatcher {
  readonly listeners = new Set<ChangeListener>();
  /**
   * Resolves once the first read has settled: changes committed before it are history,
   * the rest (those then in flight included) are delivered live.
   */
  readonly ready: Promise<void>;
  /** Every id up to here is settled and was delivered (or was history at start). */
  private cursor = 0n;
  private readonly watermarks: ChangeLogWatermark[] = [];
  /** Changes wake-ups carried above the cursor, by id, until the ids before them are in. */
  private readonly carried = new Map<bigint, ChangeEvent>();
  /** The highest change id a wake-up announced. */
  private heard = 0n;
  /** The log must be read at the next pump: a wake-up carried nothing, or a settle retry is due. */
  private readDue = true;
  /** When the cursor first waited for an id below `heard` that no wake-up carried. */
  private gapSince?: number;
  /** The first read: ids up to it that commit later are still news, delivered once it settles. */
  private start?: ChangeLogPosition;
  private started!: () => void;
  private startSettled = false;
  private pumping: Promise<void> = Promise.resolve();
  private pumpAgain = false;
  private retry?: NodeJS.Timeout;
  private retryMs = settleRetryMs.first;
  private closed = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    readonly workspaceId: string,
    readonly schema: string,
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly onIdle: () => void,
  ) {
    this.ready = new Promise((resolve) => (this.started = resolve));
    this.listen('workspace.changes', (wakeUp) => {
      this.hear(wakeUp);
      this.pump();
    });
    // A member who leaves stops hearing the workspace at once.
    this.listen('workspace.members', (event) => {
      if (event.kind !== 'REMOVED') return;
      for (const listener of this.listeners) if (listener.userId === event.userId) listener.end();
    });
    this.pump();
  }

  /** Every change id up to this one is settled and delivered: a backlog may read up to it. */
  get settledUpTo(): bigint {
    return this.cursor;
  }

  add(listener: ChangeListener): void {
    this.listeners.add(listener);
  }

  remove(listener: ChangeListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.close();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    for (const stop of this.stops.splice(0)) stop();
    for (const listener of [...this.listeners]) listener.end();
    this.listeners.clear();
    this.onIdle();
  }

  private listen<K extends keyof EventTopics>(topic: K, handle: (payload: EventTopics[K][1]) => void): void {
    const subscribe = this.bus.subscribe.bind(this.bus) as (
      topic: K,
      id: string,
    ) => AsyncIterable<EventTopics[K][1]>;
    const stop = onEachEvent(subscribe(topic, this.workspaceId), handle, (error) =>
      this.logger.error({ err: error }, 'change feed listener failed'),
    );
    this.stops.push(() => void stop());
  }

  /** Serialised: one read at a time, and a wake-up during a read triggers one more. */
  private pump(): void {
    if (this.pumpAgain || this.closed) return;
    this.pumpAgain = true;
    clearTimeout(this.retry);
    this.retry = undefined;
    this.pumping = this.pumping.then(async () => {
      this.pumpAgain = false;
      let progressed = false;
      try {
        progressed = await this.drain();
      } catch (error) {
        this.logger.error({ err: error, workspaceId: this.workspaceId }, 'change feed read failed');
      }
      this.retryMs = progressed ? settleRetryMs.first : Math.min(this.retryMs * 2, settleRetryMs.max);
      if (this.closed || this.pumpAgain) return;
      // Ids waiting on transactions in flight: those may end without a wake-up (a
      // long transaction that wrote no record holds them back as well), so look again.
      if (this.watermarks.length || !this.startSettled)
        this.retry = setTimeout(() => {
          this.readDue = true;
          this.pump();
        }, this.retryMs).unref();
      else if (this.gapSince !== undefined)
        this.retry = setTimeout(() => this.pump(), this.gapSince + gapGraceMs - Date.now()).unref();
    });
  }

  /** Keeps what a wake-up carried; one that carried nothing has the log read. */
  private hear(wakeUp: ChangesWakeUp): void {
    const changes = Array.isArray(wakeUp.changes) ? wakeUp.changes : null;
    if (!changes || this.carried.size + changes.length > maxCarried) {
      this.readDue = true;
      if (changes) this.carried.clear();
      return;
    }
    for (const change of changes) {
      const id = BigInt(change.changeId);
      if (id > this.heard) this.heard = id;
      if (id > this.cursor) this.carried.set(id, { ...change, at: new Date(change.at) });
    }
  }

  /**
   * Delivers the carried changes that follow on from the cursor, id by id: each was committed
   * when its wake-up was sent, and every id before it is delivered, so it is settled. True if
   * the cursor moved. Also notes whether an id below `heard` is still missing.
   */
  private deliverCarried(): boolean {
    for (const id of this.carried.keys()) if (id <= this.cursor) this.carried.delete(id);
    let moved = false;
    for (let next = this.carried.get(this.cursor + 1n); next; next = this.carried.get(this.cursor + 1n)) {
      this.carried.delete(this.cursor + 1n);
      this.cursor += 1n;
      this.deliverEvent(next);
      moved = true;
    }
    // Positions read before are passed: nothing is left for them to settle.
    while (this.watermarks[0] && this.watermarks[0].lastId <= this.cursor) this.watermarks.shift();
    if (this.cursor >= this.heard) this.gapSince = undefined;
    else this.gapSince ??= Date.now();
    return moved;
  }

  /** Delivers what wake-ups carried, and reads the log if that is not all. True if the cursor moved. */
  private async drain(): Promise<boolean> {
    const em = this.orm.em.fork();
    if (this.startSettled) {
      let moved = this.deliverCarried();
      const gapOutlived = this.gapSince !== undefined && Date.now() - this.gapSince >= gapGraceMs;
      if (!this.readDue && !gapOutlived) return moved;
      this.readDue = false;
      moved = (await this.drainSteady(em)) || moved;
      return this.deliverCarried() || moved;
    }
    this.readDue = false;
    const pending = this.watermarks.at(-1)?.lastId ?? this.cursor;
    const position = await readChangeLogPosition(
      em,
      this.schema,
      this.start ? pending : -1n,
      this.watermarks[0]?.readerXid,
    );
    if (!this.start) {
      this.start = position;
      this.cursor = position.lastId;
    }
    const settled = this.settle(position);
    if (this.watermarks.every((w) => w.lastId > this.start!.lastId)) {
      // Changes in flight when this feed started were not history yet: deliver them first.
      this.deliver(await readChangesCommittedSince(em, this.schema, this.start));
      this.startSettled = true;
      this.started();
    }
    const moved = settled > this.cursor;
    if (moved) await this.deliverUpTo(em, settled);
    return (this.startSettled && this.deliverCarried()) || moved;
  }

  /** Once started: the position, what it settles and the first page of it in one statement. */
  private async drainSteady(em: EntityManager): Promise<boolean> {
    const read = await readSettledChanges(em, this.schema, {
      after: this.cursor,
      knownUpTo: this.watermarks.at(-1)?.lastId ?? this.cursor,
      watermarks: this.watermarks,
      limit: pageSize,
    });
    const settled = this.settle(read.position);
    if (settled <= this.cursor) return false;
    // The statement settles as `settle` does; should they ever differ, no row past `settled` goes out.
    const rows = read.rows.filter((row) => BigInt(row.id) <= settled);
    this.deliver(rows);
    if (rows.length === pageSize || read.settledUpTo < settled) {
      if (rows.length) this.cursor = BigInt(rows[rows.length - 1]!.id);
      await this.deliverUpTo(em, settled);
    }
    this.cursor = settled;
    return true;
  }

  /** Adds `position`'s watermark and drops those its `horizon` settles; the highest id now settled. */
  private settle(position: ChangeLogPosition): bigint {
    if (position.readerXid !== null)
      this.watermarks.push({ lastId: position.lastId, readerXid: position.readerXid });
    let settled = this.cursor;
    while (this.watermarks[0] && this.watermarks[0].readerXid <= position.horizon)
      settled = this.watermarks.shift()!.lastId;
    return settled;
  }

  /** Reads and delivers (cursor, settled] page by page, then moves the cursor there. */
  private async deliverUpTo(em: EntityManager, settled: bigint): Promise<void> {
    for (;;) {
      const rows = await readChanges(em, this.schema, { after: this.cursor, upTo: settled, limit: pageSize });
      this.deliver(rows);
      // A listener added between pages hears from here on, and a backlog reads up to here.
      if (rows.length < pageSize) break;
      this.cursor = BigInt(rows[rows.length - 1]!.id);
    }
    this.cursor = settled;
  }

  private deliver(rows: readonly ChangeLogRow[]): void {
    for (const row of rows) this.deliverEvent(toChangeEvent(row));
  }

  private deliverEvent(event: ChangeEvent): void {
    for (const listener of this.listeners) if (matches(listener.filter, event)) listener.deliver(event);
  }
}
