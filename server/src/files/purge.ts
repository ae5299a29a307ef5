import type { MikroORM } from '@mikro-orm/postgresql';
import { cancelJobs, scheduleJobs, type JobTasks } from '../jobs/index.js';
import { requirePermission } from '../identity/index.js';
import type { FileStore } from './file-store.js';
import { takePurgeable } from './rows.js';
import type { FilesContext } from './services.js';

/**
 * Removes for good the workspace's files deleted more than `olderThanDays` ago (with their
 * record, or taken out of a field) and uploads never put in a field: rows first, then bytes.
 */
export async function purgeDeletedFiles(ctx: FilesContext, olderThanDays: number): Promise<number> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const before = daysAgo(olderThanDays);
  const taken = await ctx.em.transactional((em) => takePurgeable(em, workspaceId, before));
  for (const file of taken) await ctx.services.files.store.removeFile(file.workspace_id, file.id);
  return taken.length;
}

/** The daily purge of every workspace's files past FILES_PURGE_AFTER_DAYS; one pending job for the server. */
export const filesPurgeTask = 'files.purge';
const filesPurgeJobKey = 'files-purge';
const purgeEveryMs = 86_400_000;
/** Rows taken per transaction, so a first purge of many files never holds one long one. */
const purgeBatch = 500;

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}

async function planPurge(em: Parameters<typeof scheduleJobs>[0], runAt: Date, preserveRunAt: boolean) {
  const job = { task: filesPurgeTask, payload: {}, runAt, key: filesPurgeJobKey, maxAttempts: 5 };
  await scheduleJobs(em, [job], { preserveRunAt });
}

/**
 * At start: plans the purge now unless one is pending (which keeps its time), so every start
 * keeps it going; with a retention of 0 (off) a pending one is cancelled.
 */
export async function scheduleFilesPurge(em: Parameters<typeof scheduleJobs>[0], afterDays: number) {
  if (afterDays === 0) await cancelJobs(em, [filesPurgeJobKey]);
  else await planPurge(em, new Date(), true);
}

/** The purge job: runs, then plans its next run a day later (a durable job, not a timer). */
export function filesTasks(deps: { orm: MikroORM; store: FileStore; afterDays: number }): JobTasks {
  return {
    [filesPurgeTask]: async (_payload, helpers) => {
      if (deps.afterDays === 0) return;
      const before = daysAgo(deps.afterDays);
      let purged = 0;
      for (;;) {
        const taken = await deps.orm.em
          .fork()
          .transactional((em) => takePurgeable(em, null, before, purgeBatch));
        for (const file of taken) await deps.store.removeFile(file.workspace_id, file.id);
        purged += taken.length;
        if (taken.length < purgeBatch) break;
      }
      if (purged) helpers.logger.info(`files: ${purged} deleted files purged`);
      await planPurge(deps.orm.em.fork(), new Date(Date.now() + purgeEveryMs), false);
    },
  };
}
