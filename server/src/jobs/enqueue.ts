import type { EntityManager } from '@mikro-orm/postgresql';
import { jobSchema } from './queue.js';

export interface ScheduledJob {
  /** The task's name, as registered with the queue. */
  task: string;
  payload: Record<string, unknown>;
  runAt: Date;
  /** At most one pending job per key: scheduling again replaces it (new time, new payload). */
  key: string;
  maxAttempts?: number;
}

/**
 * Schedules a job through graphile-worker's SQL API on the caller's connection, so it
 * commits or rolls back with the write that caused it: a write never loses its job,
 * a rolled-back write never leaves one.
 */
export async function scheduleJob(em: EntityManager, job: ScheduledJob): Promise<void> {
  await em.execute(
    `select ${jobSchema}.add_job(?, payload => ?::json, run_at => ?::timestamptz, job_key => ?, max_attempts => ?, job_key_mode => 'replace')`,
    [job.task, JSON.stringify(job.payload), job.runAt.toISOString(), job.key, job.maxAttempts ?? 10],
  );
}

/** Removes the pending job of `key` (a running one is kept from retrying); no job, no-op. */
export async function cancelJob(em: EntityManager, key: string): Promise<void> {
  await em.execute(`select ${jobSchema}.remove_job(?)`, [key]);
}
