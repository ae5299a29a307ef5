import { scheduleJobs } from '../jobs/index.js';
import { acquireConnection, queryRows, type KnexPoolClient } from '../platform/index.js';
import type { ImportDeps } from './deps.js';

/**
 * A run whose worker died (SIGKILL, a lost machine) is still RUNNING, and graphile-worker
 * would only free its job hours later. While a worker runs an import it holds a session
 * advisory lock on its own connection, which PostgreSQL drops the moment that connection
 * goes; the sweep (at every worker's start, then every `recoveryIntervalMs` while runs are
 * RUNNING) queues again each RUNNING run nobody holds, and the job resumes it from its last
 * committed batch (the run's position, written in the batch's transaction).
 */

export const recoverTask = 'imports:recover';
export const recoveryIntervalMs = 30_000;

const lockKey = "hashtext('import:' || ?)";

interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Schedules the sweep `delayMs` from now (or keeps an earlier one with `preserve`). */
export async function scheduleRecovery(
  deps: Pick<ImportDeps, 'orm'>,
  delayMs: number,
  options: { preserve?: boolean } = {},
): Promise<void> {
  await scheduleJobs(
    deps.orm.em.fork(),
    [{ task: recoverTask, key: recoverTask, payload: {}, runAt: new Date(Date.now() + delayMs) }],
    { preserveRunAt: options.preserve ?? false },
  );
}

/**
 * Takes the run for this process: a release function, or null when another worker has it.
 * The lock lives on a pooled connection kept for the run (and unlocked before it goes back).
 */
export async function holdRun(
  deps: Pick<ImportDeps, 'orm'>,
  runId: string,
): Promise<(() => Promise<void>) | null> {
  const client = deps.orm.em.getConnection().getKnex().client as KnexPoolClient<PgConnection>;
  const connection = await acquireConnection(client);
  const key = lockKey.replace('?', '$1');
  try {
    const { rows } = await connection.query(`select pg_try_advisory_lock(${key}) as held`, [runId]);
    if (rows[0]?.held) {
      return async () => {
        await connection.query(`select pg_advisory_unlock(${key})`, [runId]).catch(() => undefined);
        await client.releaseConnection(connection);
      };
    }
  } catch (error) {
    await client.releaseConnection(connection);
    throw error;
  }
  await client.releaseConnection(connection);
  return null;
}

/** The sweep: queues the orphaned runs again; looks again later while others still run. */
export async function recoverRuns(deps: ImportDeps, task: string): Promise<void> {
  const em = deps.orm.em.fork();
  const running = await queryRows<{ id: string }>(
    em,
    `select id::text from import_run where status = 'RUNNING'`,
  );
  let held = 0;
  for (const { id } of running) {
    const orphaned = await em.fork().transactional(async (tx) => {
      const [row] = await queryRows<{ free: boolean }>(
        tx,
        `select pg_try_advisory_xact_lock(${lockKey}) as free`,
        [id],
      );
      if (!row?.free) return false;
      // A job of the same key still locked by the dead worker loses its key to this one.
      await scheduleJobs(tx, [
        { task, payload: { runId: id }, runAt: new Date(), key: `import:${id}`, maxAttempts: 1 },
      ]);
      return true;
    });
    if (orphaned) deps.logger.warn({ runId: id }, 'import resumed: its worker had gone');
    else held++;
  }
  if (held) await scheduleRecovery(deps, recoveryIntervalMs);
}
