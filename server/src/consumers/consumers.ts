import type { JobTasks } from '../jobs/index.js';
import { DueJobNudges, notifyJobWorkers, scheduleJobs } from '../jobs/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import type { RecordHooks } from '../records/index.js';
import { lastChangeId, listCursors } from './cursors.js';
import type { ChangeConsumer } from './model.js';
import { consumeChangesTask, consumeTask, wakeJob, type ConsumerDeps } from './run.js';
import { WakeUps } from './wake-ups.js';

const catchUpTask = 'consumers:catch-up';
/** How often every process's queue looks for cursors left behind (a crash between commit and wake-up). */
export const catchUpIntervalMs = 30_000;
/**
 * A wake-up runs this long after the commit that asked for it, and the commits meanwhile join
 * it: under a stream of writes each run consumes a batch (one statement per object and rule
 * set) instead of a change or two. The delay every consumer's action waits at most: a nudge
 * wakes the workers when it is due (without it, the queue's poll added up to a second).
 */
const wakeDelayMs = 100;

export interface ChangeConsumers {
  /** On the record store: wakes the consumers that want the workspace after each commit. */
  recordHooks: RecordHooks;
  /** For the job queue (server and `pnpm worker` alike). */
  tasks: JobTasks;
  /** Enqueues a catch-up now (then every `catchUpIntervalMs`): call once the queue's tables exist. */
  start(): Promise<void>;
  /** Cancels the pending nudge of the job workers, awaiting one under way: before the database closes. */
  close(): Promise<void>;
}

export function createChangeConsumers(
  deps: ConsumerDeps,
  consumers: readonly ChangeConsumer[],
): ChangeConsumers {
  const wanting = async (metadata: WorkspaceMetadata, objectIds: ReadonlySet<string>) => {
    const wanted: ChangeConsumer[] = [];
    for (const consumer of consumers) {
      if (!(await consumer.wants(metadata))) continue;
      if (consumer.wakesFor && !(await someAsync(objectIds, (id) => consumer.wakesFor!(metadata, id))))
        continue;
      wanted.push(consumer);
    }
    return wanted;
  };
  const wakeUps = new WakeUps();
  const nudges = new DueJobNudges(
    () => notifyJobWorkers(deps.orm.em.fork()),
    (error) => deps.logger.warn({ err: error }, 'change consumer nudge failed'),
  );
  const scheduleCatchUp = (delayMs: number) =>
    scheduleJobs(deps.orm.em.fork(), [
      { task: catchUpTask, key: catchUpTask, payload: {}, runAt: new Date(Date.now() + delayMs) },
    ]);
  return {
    recordHooks: {
      afterCommit: async ({ metadata, changes }) => {
        if (!changes.length || !consumers.length) return;
        const wanted = await wanting(metadata, new Set(changes.map((c) => c.objectId)));
        if (!wanted.length) return;
        const { workspaceId } = metadata;
        try {
          await wakeUps.wake(`${workspaceId}:${wanted.map((c) => c.name).join(',')}`, async () => {
            const runAt = new Date(Date.now() + wakeDelayMs);
            await scheduleJobs(
              deps.orm.em.fork(),
              wanted.map((c) => wakeJob(c.name, workspaceId, runAt)),
              { preserveRunAt: true },
            );
            nudges.at(runAt);
          });
        } catch (error) {
          // The write is committed; the periodic catch-up finds the cursor behind.
          deps.logger.warn(
            { err: error, workspaceId: metadata.workspaceId },
            'change consumer wake-up failed',
          );
        }
      },
    },
    tasks: {
      [consumeTask]: consumeChangesTask(deps, consumers),
      [catchUpTask]: async () => {
        const em = deps.orm.em.fork();
        const known = new Set(consumers.map((c) => c.name));
        const behind = [];
        for (const cursor of await listCursors(em)) {
          if (!known.has(cursor.consumer)) continue;
          const metadata = await deps.metadataCache.get(em, cursor.workspaceId);
          if (metadata && (await lastChangeId(em, metadata.schema)) > cursor.changeId)
            behind.push(wakeJob(cursor.consumer, cursor.workspaceId));
        }
        await scheduleJobs(em, behind);
        await scheduleCatchUp(catchUpIntervalMs);
      },
    },
    start: async () => {
      if (consumers.length) await scheduleCatchUp(0);
    },
    // The woken jobs are in the queue; the workers of the next start find them when they poll.
    close: () => nudges.close(),
  };
}

async function someAsync<T>(
  items: Iterable<T>,
  test: (item: T) => boolean | Promise<boolean>,
): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}
