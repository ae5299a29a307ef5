import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { scheduleJobs, type ScheduledJob } from '../jobs/index.js';
import type { MetadataCache, WorkspaceMetadata } from '../metadata/index.js';
import type { Logger } from '../platform/index.js';
import { readChangeLogPosition, readChanges } from '../records/index.js';
import { noReaderXid, readCursor, writeCursor } from './cursors.js';
import type { ChangeConsumer } from './model.js';

export const consumeTask = 'consumers:run';

/** Changes one transaction consumes at most; a longer backlog takes several. */
const batchSize = 500;
/** How long a run waits for older transactions to end before it tries again later. */
const settleBudgetMs = 5_000;
const retryLaterMs = 1_000;

export interface ConsumerDeps {
  orm: MikroORM;
  logger: Logger;
  metadataCache: MetadataCache;
}

interface ConsumePayload {
  consumer: string;
  workspaceId: string;
}

/**
 * The wake-up of one consumer in one workspace. The key coalesces wake-ups: while one is
 * pending, more commits only touch it; a commit while it runs adds one more run after.
 */
export function wakeJob(consumer: string, workspaceId: string, runAt = new Date()): ScheduledJob {
  return {
    task: consumeTask,
    key: `consumer:${consumer}:${workspaceId}`,
    payload: { consumer, workspaceId } satisfies ConsumePayload,
    runAt,
  };
}

/**
 * Consumes the settled changes after the cursor: reads the log's position, waits until
 * every transaction that may hold an id up to it has ended (docs/realtime.md), then
 * consumes them in batches, each batch in the transaction that moves the cursor (locked,
 * so two runs of one consumer in one workspace take turns).
 */
export function consumeChangesTask(deps: ConsumerDeps, consumers: readonly ChangeConsumer[]): Task {
  const byName = new Map(consumers.map((c) => [c.name, c]));
  return async (raw) => {
    const { consumer: name, workspaceId } = raw as ConsumePayload;
    const consumer = byName.get(name);
    if (!consumer) return;
    const em = deps.orm.em.fork();
    const metadata = await deps.metadataCache.get(em, workspaceId);
    if (!metadata) return;
    const cursor = await readCursor(em, workspaceId, name);
    if (cursor === null) return;
    const position = await readChangeLogPosition(em, metadata.schema, cursor);
    if (position.lastId <= cursor) return;
    if (position.readerXid !== null && !(await settled(em, metadata.schema, position.readerXid))) {
      await scheduleJobs(em, [wakeJob(name, workspaceId, new Date(Date.now() + retryLaterMs))]);
      return;
    }
    while (!(await consumeBatch(deps, consumer, metadata, position.lastId)));
  };
}

/** One batch; true when the cursor reached `upTo`. */
async function consumeBatch(
  deps: ConsumerDeps,
  consumer: ChangeConsumer,
  known: WorkspaceMetadata,
  upTo: bigint,
): Promise<boolean> {
  const { workspaceId } = known;
  return deps.orm.em.fork().transactional(async (tx) => {
    // The workspace row before the cursor, in the order a metadata change takes them.
    const metadata = await lockedMetadata(tx, deps.metadataCache, known);
    if (!metadata) return true;
    const cursor = await readCursor(tx, workspaceId, consumer.name, true);
    if (cursor === null || cursor >= upTo) return true;
    const wanted = await consumer.wants(metadata);
    // A workspace no longer wanted moves on without reading: wanted again, it starts here.
    const changes = wanted
      ? await readChanges(tx, metadata.schema, { after: cursor, upTo, limit: batchSize })
      : [];
    if (changes.length) await consumer.consume(tx, { workspaceId, metadata, changes });
    const full = changes.length === batchSize;
    await writeCursor(tx, workspaceId, consumer.name, full ? BigInt(changes.at(-1)!.id) : upTo);
    return !full;
  });
}

/**
 * The workspace's metadata under a key-share lock on its row, held until the batch commits. A
 * metadata change locks that row for update, so it waits for the batch, and a batch started
 * after one committed acts on the new metadata: a batch acting on definitions an admin has just
 * replaced would overwrite what the admin's change wrote (matching's pairs, say).
 */
async function lockedMetadata(
  tx: EntityManager,
  cache: MetadataCache,
  known: WorkspaceMetadata,
): Promise<WorkspaceMetadata | undefined> {
  const [row] = await tx.execute<{ version: number }[]>(
    'select metadata_version as version from workspace where id = ? for key share',
    [known.workspaceId],
  );
  if (!row) return undefined;
  return row.version === known.version ? known : cache.get(tx, known.workspaceId);
}

/** Waits (10 ms, doubling to 1 s) until no transaction older than `readerXid` that may hold a change id is in flight. */
async function settled(em: EntityManager, schema: string, readerXid: bigint): Promise<boolean> {
  const deadline = Date.now() + settleBudgetMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 1_000)) {
    const { horizon } = await readChangeLogPosition(em, schema, noReaderXid, readerXid);
    if (horizon >= readerXid) return true;
    if (Date.now() + pause > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
