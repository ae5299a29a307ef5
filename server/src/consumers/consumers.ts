import type { JobTasks } from '../jobs/index.js';
import { scheduleJobs } from '../jobs/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import type { RecordHooks } from '../records/index.js';
import { lastChangeId, listCursors } from './cursors.js';
import type { ChangeConsumer } from './model.js';
import { consumeChangesTask, consumeTask, wakeJob, type ConsumerDeps } from './run.js';

const catchUpTask = 'consumers:catch-up';
/** How often every process's queue looks for cursors left behind (a crash between commit and wake-up). */
export const catchUpIntervalMs = 30_000;

export interface ChangeConsumers {
  /** On the record store: wakes the consumers that want the workspace after each commit. */
  recordHooks: RecordHooks;
  /** For the job queue (server and `pnpm worker` alike). */
  tasks: JobTasks;
  /** Enqueues a catch-up now (then every `catchUpIntervalMs`): call once the queue's tables exist. */
  start(): Promise<void>;
}

export function createChangeConsumers(
  deps: ConsumerDeps,
  consumers: readonly ChangeConsumer[],
): ChangeConsumers {
  const wanting = async (metadata: WorkspaceMetadata) => {
    const wanted: ChangeConsumer[] = [];
    for (const consumer of consumers) if (await consumer.wants(metadata)) wanted.push(consumer);
    return wanted;
  };
  const scheduleCatchUp = (delayMs: number) =>
    scheduleJobs(deps.orm.em.fork(), [
      { task: catchUpTask, key: catchUpTask, payload: {}, runAt: new Date(Date.now() + delayMs) },
    ]);
  return {
    recordHooks: {
      afterCommit: async ({ metadata, changes }) => {
        if (!changes.length || !consumers.length) return;
        const wanted = await wanting(metadata);
        if (!wanted.length) return;
        try {
          await scheduleJobs(
            deps.orm.em.fork(),
            wanted.map((c) => wakeJob(c.name, metadata.workspaceId)),
          );
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
  };
}
