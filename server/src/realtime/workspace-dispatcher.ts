import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { EventBus, EventTopics, Logger } from '../platform/index.js';
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
 * The feed of one workspace in this process: woken by the bus, it reads committed
 * changes after its cursor from `record_change` (the outbox) and hands each to the
 * local listeners, in id order. Writers draw ids without a lock, so a lower id may
 * commit after a higher one; the cursor therefore only moves to ids that are settled
 * (see `readChangeLogPosition`). One reader per workspace, however many sockets listen.
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
    this.listen('workspace.changes', () => this.pump());
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
    const iterator = subscribe(topic, this.workspaceId)[Symbol.asyncIterator]();
    this.stops.push(() => void iterator.return?.());
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        handle(next.value);
      }
    })().catch((error: unknown) => this.logger.error({ err: error }, 'change feed listener failed'));
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
      // Ids waiting on transactions in flight: those may end without a wake-up (a
      // long transaction that wrote no record holds them back as well), so look again.
      if (!this.closed && !this.pumpAgain && (this.watermarks.length || !this.start))
        this.retry = setTimeout(() => this.pump(), this.retryMs).unref();
    });
  }

  /** One read: settles what it can and delivers it. True if the cursor moved. */
  private async drain(): Promise<boolean> {
    const em = this.orm.em.fork();
    if (this.startSettled) return this.drainSteady(em);
    const pending = this.watermarks.at(-1)?.lastId ?? this.cursor;
    const position = await readChangeLogPosition(em, this.schema, this.start ? pending : -1n);
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
    if (settled <= this.cursor) return false;
    await this.deliverUpTo(em, settled);
    return true;
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

  /** Adds `position`'s watermark and drops those its `xmin` settles; the highest id now settled. */
  private settle(position: ChangeLogPosition): bigint {
    if (position.readerXid !== null)
      this.watermarks.push({ lastId: position.lastId, readerXid: position.readerXid });
    let settled = this.cursor;
    while (this.watermarks[0] && this.watermarks[0].readerXid <= position.xmin)
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
    for (const row of rows) {
      const event = toChangeEvent(row);
      for (const listener of this.listeners) if (matches(listener.filter, event)) listener.deliver(event);
    }
  }
}
