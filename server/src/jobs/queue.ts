import { Logger as WorkerLogger, run, runMigrations, type Runner, type Task } from 'graphile-worker';
import type { Logger } from '../platform/index.js';

/** Jobs one worker pool locks ahead of running them: enough to keep its workers busy, few to leave to other pools. */
const localQueueSize = 20;

/** graphile-worker's schema in our database (its own tables and SQL functions). */
export const jobSchema = 'graphile_worker';

/** Task name → handler; a handler must be idempotent (a job may run again after a crash). */
export type JobTasks = Record<string, Task>;

export interface JobQueueOptions {
  databaseUrl: string;
  logger: Logger;
  /** `inline`: this process runs jobs; `off`: it only enqueues (another process runs them). */
  mode: 'inline' | 'off';
  concurrency: number;
  tasks: JobTasks;
}

export interface JobQueue {
  /** Whether this process runs jobs. */
  running: boolean;
  /** Stops taking jobs and waits for the running ones. */
  close(): Promise<void>;
}

/**
 * Migrates graphile-worker's schema (every process, so enqueueing works with WORKER=off)
 * and, unless off, starts a worker pool. Jobs due while no worker ran are taken at once.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { databaseUrl, logger, mode, concurrency, tasks } = options;
  const workerLogger = toWorkerLogger(logger);
  await runMigrations({ connectionString: databaseUrl, schema: jobSchema, logger: workerLogger });
  if (mode === 'off') return { running: false, close: async () => undefined };
  const runner: Runner = await run({
    connectionString: databaseUrl,
    schema: jobSchema,
    taskList: tasks,
    concurrency,
    // The process's own signal handlers stop the server, and the queue with it.
    noHandleSignals: true,
    // LISTEN/NOTIFY wakes the workers at once; polling only backs up a lost notification
    // and picks up jobs whose run_at arrives.
    pollInterval: 1000,
    maxPoolSize: concurrency + 1,
    logger: workerLogger,
    preset: {
      worker: {
        // A burst of due jobs (10,000 reminders at 9:00) is fetched and locked a batch at a
        // time and completed in batches, instead of two round trips per job. The handlers
        // are idempotent, so a job run again after a crash in the batching window is harmless.
        localQueue: { size: localQueueSize },
        completeJobBatchDelay: 0,
      },
    },
  });
  logger.info({ concurrency }, 'job workers started');
  let closing: Promise<void> | undefined;
  return {
    running: true,
    close: () => (closing ??= runner.stop()),
  };
}

/** graphile-worker's log lines into ours (its routine "job started" lines at debug and below). */
function toWorkerLogger(logger: Logger): WorkerLogger {
  const jobs = logger.child({ module: 'jobs' });
  return new WorkerLogger(() => (level, message, meta) => {
    const name = String(level);
    const at = name === 'error' ? 'error' : name === 'warning' ? 'warn' : name === 'info' ? 'debug' : 'trace';
    jobs[at](meta ?? {}, message);
  });
}
