import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { scheduleJobs, type JobTasks } from '../jobs/index.js';

/** The daily purge of entries older than their workspace's retention; one pending job for the server. */
export const purgeTask = 'audit.purge';
export const purgeJobKey = 'audit-purge';
const purgeEveryMs = 86_400_000;
/** Rows deleted per statement, so a first purge of a large log never holds one long transaction. */
const purgeBatch = 5000;

/** The workspace's retention in days: its own setting, or the server's default (AUDIT_RETENTION_DAYS). */
export async function retentionOf(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  defaultDays: number,
): Promise<{ days: number; overridden: boolean }> {
  const [row] = await em.execute<{ retention_days: number }[]>(
    'select retention_days from audit_setting where workspace_id = ?',
    [workspaceId],
  );
  return row ? { days: row.retention_days, overridden: true } : { days: defaultDays, overridden: false };
}

/** Sets (or with null, clears) the workspace's own retention, in the caller's transaction. */
export async function setRetention(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  days: number | null,
): Promise<void> {
  if (days === null) {
    await em.execute('delete from audit_setting where workspace_id = ?', [workspaceId]);
    return;
  }
  await em.execute(
    `insert into audit_setting (workspace_id, retention_days) values (?, ?)
     on conflict (workspace_id) do update set retention_days = excluded.retention_days`,
    [workspaceId, days],
  );
}

/** Deletes every workspace's expired entries; answers how many. */
export async function purgeExpired(em: Pick<EntityManager, 'execute'>, defaultDays: number): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await em.execute<{ id: string }[]>(
      `delete from audit_entry where id in (
         select e.id from audit_entry e left join audit_setting s on s.workspace_id = e.workspace_id
         where e.at < now() - make_interval(days => coalesce(s.retention_days, ?)) limit ?)
       returning id`,
      [defaultDays, purgeBatch],
    );
    total += rows.length;
    if (rows.length < purgeBatch) return total;
  }
}

/** Plans the purge: now if none is pending (a pending one keeps its time), so every start keeps it going. */
export async function schedulePurge(em: Pick<EntityManager, 'execute'>, runAt = new Date()): Promise<void> {
  await scheduleJobs(em, [{ task: purgeTask, payload: {}, runAt, key: purgeJobKey, maxAttempts: 5 }], {
    preserveRunAt: true,
  });
}

/** The purge job: runs, then plans its next run a day later (a durable job, not a timer). */
export function auditTasks(orm: MikroORM, defaultDays: number): JobTasks {
  return {
    [purgeTask]: async (_payload, helpers) => {
      const em = orm.em.fork();
      const purged = await purgeExpired(em, defaultDays);
      if (purged) helpers.logger.info(`audit log: ${purged} expired entries purged`);
      await scheduleJobs(em, [
        {
          task: purgeTask,
          payload: {},
          runAt: new Date(Date.now() + purgeEveryMs),
          key: purgeJobKey,
          maxAttempts: 5,
        },
      ]);
    },
  };
}
