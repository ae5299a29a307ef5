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

const defaultMaxAttempts = 10;

/**
 * Schedules jobs through graphile-worker's SQL API on the caller's connection, in one
 * statement, so they commit or roll back with the write that caused them: a write never
 * loses its jobs, a rolled-back write never leaves one. Keys must be distinct.
 */
export async function scheduleJobs(
  em: Pick<EntityManager, 'execute'>,
  jobs: readonly ScheduledJob[],
  options: {
    /** A pending job of the same key keeps its (earlier) time: repeated wake-ups cannot postpone it forever. */
    preserveRunAt?: boolean;
  } = {},
): Promise<void> {
  if (!jobs.length) return;
  const specs = jobs.map((job) => ({
    identifier: job.task,
    payload: job.payload,
    run_at: job.runAt.toISOString(),
    max_attempts: job.maxAttempts ?? defaultMaxAttempts,
    job_key: job.key,
  }));
  await em.execute(
    `select count(*) from ${jobSchema}.add_jobs(
       array(select s from json_populate_recordset(null::${jobSchema}.job_spec, ?::json) s), ?)`,
    [JSON.stringify(specs), options.preserveRunAt ?? false],
  );
}

/** Removes the pending jobs of these keys (a running one is kept from retrying); none, no-op. */
export async function cancelJobs(em: Pick<EntityManager, 'execute'>, keys: readonly string[]): Promise<void> {
  if (!keys.length) return;
  await em.execute(`select count(${jobSchema}.remove_job(k)) from jsonb_array_elements_text(?::jsonb) k`, [
    JSON.stringify(keys),
  ]);
}

/**
 * Removes the pending jobs whose key starts with one of these prefixes. Scans the queue: for
 * the rare caller that cannot name its keys (a record gone without a trace).
 */
export async function cancelJobsByPrefix(
  em: Pick<EntityManager, 'execute'>,
  prefixes: readonly string[],
): Promise<void> {
  if (!prefixes.length) return;
  await em.execute(
    `select count(${jobSchema}.remove_job(j.key)) from ${jobSchema}._private_jobs j
     where j.key is not null and exists (select 1 from jsonb_array_elements_text(?::jsonb) p where starts_with(j.key, p))`,
    [JSON.stringify(prefixes)],
  );
}

/**
 * Wakes the job workers of every process when a job scheduled a moment ahead comes due.
 * graphile-worker's LISTEN/NOTIFY only wakes them when a job is added: one due 100 ms later
 * waits for their next poll (up to `pollInterval`, a second) unless something notifies again.
 * One timer per process, at the latest time asked for, so a stream of short delays costs one
 * notification per window. Losing it (a crash) costs only the poll's delay.
 */
export class DueJobNudges {
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  private closed = false;
  private sending: Promise<void> | undefined;

  constructor(
    private readonly notify: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  at(runAt: Date): void {
    this.due = Math.max(this.due, runAt.getTime());
    if (!this.timer && !this.closed) this.arm();
  }

  /** No nudge after this; resolves once one already under way has ended (before the database closes). */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.closed = true;
    await this.sending;
  }

  private arm(): void {
    // A few ms past the due time: graphile-worker compares run_at with the database's clock.
    this.timer = setTimeout(
      () => {
        if (Date.now() < this.due) return this.arm();
        this.timer = undefined;
        if (this.closed) return;
        this.sending = this.notify().catch(this.onError);
      },
      Math.max(0, this.due - Date.now()) + 5,
    );
    this.timer.unref();
  }
}

/** graphile-worker's own channel: its workers fetch due jobs on any notification there. */
export async function notifyJobWorkers(em: Pick<EntityManager, 'execute'>): Promise<void> {
  await em.execute(`select pg_notify('jobs:insert', '{"count":1}')`);
}

/**
 * Schedules the jobs a query yields, in one statement, without bringing its rows to Node: for
 * thousands of rows already in the database (a campaign's messages). The query returns the
 * columns `identifier`, `payload` (json), `run_at`, `max_attempts` and `job_key`.
 */
export async function scheduleJobsFrom(
  em: Pick<EntityManager, 'execute'>,
  query: string,
  params: readonly unknown[],
): Promise<number> {
  const [row] = await em.execute<{ n: string }[]>(
    `select count(*) as n from ${jobSchema}.add_jobs(
       array(select row(q.identifier, q.payload, null, q.run_at, q.max_attempts, q.job_key, null, null)::${jobSchema}.job_spec
             from (${query}) q))`,
    [...params],
  );
  return Number(row?.n ?? 0);
}
