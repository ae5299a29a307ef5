import type { MikroORM } from '@mikro-orm/postgresql';
import { BadInput, Conflict, FeedQueue, type EventBus, type Logger } from '../platform/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { readChanges, type RecordChange, type RecordHooks } from '../records/index.js';
import { matches, toChangeEvent, type ChangeEvent, type ChangeFilter } from './change-event.js';
import { asJsonb } from './jsonb-order.js';
import type { CarriedChange } from './topics.js';
import { WorkspaceDispatcher, type ChangeListener } from './workspace-dispatcher.js';

export interface FeedSubscription {
  workspaceId: string;
  schema: string;
  userId: string;
  filter: ChangeFilter;
  /**
   * Resume: first every change after this change id, or not yet committed at this
   * `changeCursor` (a snapshot), from the change log, in order and once; then live.
   */
  after?: string | null;
}

/** A change id, or a snapshot as PostgreSQL prints it (`xmin:xmax:xip,…`). */
const changeIdPattern = /^\d{1,19}$/;
const snapshotPattern = /^\d{1,19}:\d{1,19}:(\d{1,19}(,\d{1,19})*)?$/;
const maxCursorLength = 20_000;

/** Whether `after` is something `subscribe` can resume from. */
export function isResumePoint(after: string): boolean {
  return after.length <= maxCursorLength && (changeIdPattern.test(after) || snapshotPattern.test(after));
}

/** The snapshot `after` is (a `changeCursor`), or null for a change id. */
export function resumeSnapshot(after: string | null | undefined): string | null {
  return after && isResumePoint(after) && snapshotPattern.test(after) ? after : null;
}

/**
 * Where a subscription fed by the event bus resumes: the snapshot `after` is (a `changeCursor`
 * read beside the page it follows), null without one; anything else is BAD_USER_INPUT at `after`.
 */
export function resumedFrom(after: string | null | undefined): string | null {
  if (!after) return null;
  const snapshot = resumeSnapshot(after);
  if (snapshot === null) throw new BadInput(['after'], 'after: must be a `changeCursor`.');
  return snapshot;
}

function resumePoint(after: string): bigint | { snapshot: string } {
  return changeIdPattern.test(after) ? BigInt(after) : { snapshot: after };
}

/**
 * A wake-up carries its changes up to this size (JSON): a NOTIFY payload must stay under 8,000
 * bytes, and a bulk write's thousands of changes are read from the log by every process instead.
 */
const maxCarriedBytes = 6_000;
/** More changes than this are not even tried (a bulk write): they would not fit. */
const maxCarriedChanges = 100;

/** The changes as a wake-up carries them, or undefined when they are read from the log instead. */
function carriedChanges(
  metadata: WorkspaceMetadata,
  changes: readonly RecordChange[],
): CarriedChange[] | undefined {
  if (changes.length > maxCarriedChanges) return undefined;
  const carried: CarriedChange[] = [];
  for (const change of changes) {
    const objectKey = metadata.objects.find((o) => o.id === change.objectId)?.key;
    if (!change.at || !objectKey) return undefined;
    carried.push({
      changeId: change.changeId,
      objectId: change.objectId,
      objectKey,
      recordId: change.recordId,
      kind: change.kind,
      version: change.version,
      actorId: change.actorId,
      at: change.at.toISOString(),
      changes: asJsonb(change.changes) as CarriedChange['changes'],
    });
  }
  return Buffer.byteLength(JSON.stringify(carried)) <= maxCarriedBytes ? carried : undefined;
}

/** Resuming further back than this is refused: reload instead. */
const maxBacklog = 10_000;

/**
 * The change feed: the record store's afterCommit announces committed changes on the
 * bus (in-process, or Redis / NOTIFY across processes), carrying them when small; each
 * process delivers them to its subscribers in id order, once each, reading the change log
 * only for what no wake-up carried (see `WorkspaceDispatcher`).
 */
export class ChangeFeed {
  private readonly dispatchers = new Map<string, WorkspaceDispatcher>();

  /**
   * `alone` tells whether any other process is on the bus (`EventBusHandle.alone`): while none
   * is and nobody here watches a workspace, its wake-ups need not carry the changes.
   */
  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly alone: () => boolean = () => false,
  ) {}

  readonly recordHooks: RecordHooks = {
    afterCommit: async ({ metadata, changes, committed }) => {
      const last = changes[changes.length - 1];
      if (!last) return;
      try {
        // Carried changes spare each process's subscribers a read of the log. With no subscriber
        // here and no other process on the bus nobody reads them: they are not built (each
        // change's values ordered as jsonb and the whole measured as JSON, on every write).
        const watched = this.dispatchers.has(metadata.workspaceId) || !this.alone();
        const carried = committed === false || !watched ? undefined : carriedChanges(metadata, changes);
        await this.bus.publish('workspace.changes', metadata.workspaceId, {
          lastChangeId: last.changeId,
          ...(carried && { changes: carried }),
        });
      } catch (error) {
        // The change is committed and in the outbox; the next wake-up delivers it.
        this.logger.error({ err: error }, 'change feed wake-up failed');
      }
    },
  };

  subscribe(request: FeedSubscription): AsyncIterable<ChangeEvent> {
    const from = request.after ? resumePoint(request.after) : null;
    let last = typeof from === 'bigint' ? from : -1n;
    let live = false;
    const buffered: ChangeEvent[] = [];
    const dispatcher = this.dispatcherFor(request.workspaceId, request.schema);
    const queue = new FeedQueue<ChangeEvent>(() => dispatcher.remove(listener));
    const emit = (event: ChangeEvent) => {
      if (BigInt(event.changeId) <= last) return;
      last = BigInt(event.changeId);
      queue.push(event);
    };
    const listener: ChangeListener = {
      filter: request.filter,
      userId: request.userId,
      deliver: (event) => (live ? emit(event) : buffered.push(event)),
      end: () => queue.end(),
    };
    dispatcher.add(listener);
    void (async () => {
      try {
        await dispatcher.ready;
        if (from !== null)
          for (const event of await this.backlog(request, from, dispatcher.settledUpTo)) emit(event);
        for (const event of buffered.splice(0)) emit(event);
        live = true;
      } catch (error) {
        queue.end(error);
      }
    })();
    return queue;
  }

  /** What this process holds for subscribers: one dispatcher per workspace, one listener per subscription. */
  stats(): { dispatchers: number; listeners: number } {
    let listeners = 0;
    for (const dispatcher of this.dispatchers.values()) listeners += dispatcher.listeners.size;
    return { dispatchers: this.dispatchers.size, listeners };
  }

  close(): void {
    for (const dispatcher of [...this.dispatchers.values()]) dispatcher.close();
  }

  private dispatcherFor(workspaceId: string, schema: string): WorkspaceDispatcher {
    let dispatcher = this.dispatchers.get(workspaceId);
    if (!dispatcher) {
      dispatcher = new WorkspaceDispatcher(workspaceId, schema, this.orm, this.bus, this.logger, () => {
        if (this.dispatchers.get(workspaceId) === dispatcher) this.dispatchers.delete(workspaceId);
      });
      this.dispatchers.set(workspaceId, dispatcher);
    }
    return dispatcher;
  }

  /** The changes after `from` up to the dispatcher's settled cursor; live ones follow. */
  private async backlog(
    request: FeedSubscription,
    from: bigint | { snapshot: string },
    upTo: bigint,
  ): Promise<ChangeEvent[]> {
    const rows = await readChanges(this.orm.em.fork(), request.schema, {
      after: from,
      upTo,
      objectId: request.filter.objectId,
      recordId: request.filter.recordId,
      limit: maxBacklog + 1,
    });
    if (rows.length > maxBacklog) {
      throw new Conflict(`More than ${maxBacklog} changes were missed; reload instead of resuming.`);
    }
    return rows.map(toChangeEvent).filter((event) => matches(request.filter, event));
  }
}
