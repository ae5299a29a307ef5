import type { MikroORM } from '@mikro-orm/postgresql';
import { qualified } from '../metadata/ddl.js';
import type { EventBus, EventTopics, Logger } from '../platform/index.js';
import {
  matches,
  toChangeEvent,
  type ChangeEvent,
  type ChangeFilter,
  type ChangeRow,
} from './change-event.js';

export interface ChangeListener {
  filter: ChangeFilter;
  userId: string;
  deliver(event: ChangeEvent): void;
  end(): void;
}

const pageSize = 500;

export const selectChanges = (schema: string) =>
  `select c.id, c.object_id, o.key as object_key, c.record_id, c.kind, c.version, c.actor_id, c.created_at, c.changes
   from ${qualified(schema, 'record_change')} c join public.object_def o on o.id = c.object_id`;

/**
 * The feed of one workspace in this process: woken by the bus, it reads committed
 * changes after its cursor from `record_change` (the outbox) and hands each to the
 * local listeners. One reader per workspace, however many sockets listen.
 */
export class WorkspaceDispatcher {
  readonly listeners = new Set<ChangeListener>();
  /** Resolves once the cursor is set; changes up to it are history, after it live. */
  readonly ready: Promise<void>;
  private cursor = 0n;
  private pumping: Promise<void> = Promise.resolve();
  private pumpAgain = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    readonly workspaceId: string,
    readonly schema: string,
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly onIdle: () => void,
  ) {
    this.ready = this.start();
  }

  add(listener: ChangeListener): void {
    this.listeners.add(listener);
  }

  remove(listener: ChangeListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.close();
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const listener of [...this.listeners]) listener.end();
    this.listeners.clear();
    this.onIdle();
  }

  private async start(): Promise<void> {
    this.listen('workspace.changes', () => this.pump());
    // A member who leaves stops hearing the workspace at once.
    this.listen('workspace.members', (event) => {
      if (event.kind !== 'REMOVED') return;
      for (const listener of this.listeners) if (listener.userId === event.userId) listener.end();
    });
    const [row] = await this.orm.em
      .fork()
      .execute<{ max: string | null }[]>(
        `select max(id) as max from ${qualified(this.schema, 'record_change')}`,
      );
    this.cursor = BigInt(row?.max ?? 0);
    // Changes committed while the cursor was being read are picked up by this first pump.
    this.pump();
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
    if (this.pumpAgain) return;
    this.pumpAgain = true;
    this.pumping = this.pumping.then(async () => {
      this.pumpAgain = false;
      try {
        await this.drain();
      } catch (error) {
        this.logger.error({ err: error, workspaceId: this.workspaceId }, 'change feed read failed');
      }
    });
  }

  private async drain(): Promise<void> {
    const em = this.orm.em.fork();
    for (;;) {
      const rows = await em.execute<ChangeRow[]>(
        `${selectChanges(this.schema)} where c.id > ? order by c.id limit ${pageSize}`,
        [this.cursor.toString()],
      );
      for (const row of rows) {
        const event = toChangeEvent(row);
        this.cursor = BigInt(event.changeId);
        for (const listener of this.listeners) if (matches(listener.filter, event)) listener.deliver(event);
      }
      if (rows.length < pageSize) return;
    }
  }
}
