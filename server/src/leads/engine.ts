import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ChangeConsumer } from '../consumers/index.js';
import { scheduleJobs, type JobTasks, type ScheduledJob } from '../jobs/index.js';
import {
  PerMetadataVersion,
  qualified,
  quote,
  type MetadataCache,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import type { Logger } from '../platform/index.js';
import { queryRows } from '../platform/index.js';
import type { ChangeLogRow, SqlRecordStore } from '../records/index.js';
import { modelsOf, workspacesWithModels, type StoredModel } from './models.js';
import { rateAll, rateRecords } from './rate.js';
import type { EmailsAnswered } from './score.js';

/**
 * Live and nightly rating: a change consumer reads committed changes of rated objects and
 * of their activity objects and enqueues a rating job for the records they touch; a job
 * per night re-rates everything (recency and activity windows decay with time).
 */

export const ratingConsumerName = 'lead-rating';
const rateTask = 'lead-rating:rate';
const rateAllTask = 'lead-rating:rate-all';
const nightlyTask = 'lead-rating:nightly';
/** The nightly pass's hour, UTC. */
const nightlyHourUtc = 3;

export interface LeadRatingDeps {
  orm: MikroORM;
  logger: Logger;
  metadataCache: MetadataCache;
  /** Replies received per record (inbound mail's count, wired by the app); none: EMAILS_ANSWERED counts 0. */
  emailsAnswered?: EmailsAnswered;
}

export interface LeadRating {
  consumer: ChangeConsumer;
  tasks(store: () => SqlRecordStore): JobTasks;
  /**
   * Re-rates, in the caller's transaction, these records under every model that counts
   * e-mails answered: a reply arrived (no record changed, so the change consumer cannot see it).
   */
  emailAnswered(
    em: EntityManager,
    event: { workspaceId: string; recordIds: readonly string[]; eventId: string },
  ): Promise<void>;
  /** Schedules the nightly pass (kept if one is pending): call once the queue's tables exist. */
  start(): Promise<void>;
}

export function rateAllJob(workspaceId: string, objectId: string): ScheduledJob {
  return {
    task: rateAllTask,
    key: `${rateAllTask}:${workspaceId}:${objectId}`,
    payload: { workspaceId, objectId },
    runAt: new Date(),
  };
}

function nextNight(now = new Date()): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), nightlyHourUtc));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

const nightlyJob = (runAt: Date): ScheduledJob => ({
  task: nightlyTask,
  key: nightlyTask,
  payload: {},
  runAt,
});

/** Records of each model touched by `changes`: its own (not only its score written back) and those its activity points at. */
async function touched(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  models: readonly StoredModel[],
  changes: readonly ChangeLogRow[],
): Promise<Map<StoredModel, Set<string>>> {
  const result = new Map<StoredModel, Set<string>>(models.map((m) => [m, new Set()]));
  for (const stored of models) {
    const ids = result.get(stored)!;
    const own = [stored.model.scoreField, stored.model.bandField];
    for (const change of changes.filter((c) => c.object_id === stored.object.id && c.kind !== 'delete'))
      if (Object.keys(change.changes).some((k) => !own.includes(k))) ids.add(change.record_id);
    for (const rule of stored.model.rules) {
      if (rule.kind !== 'ACTIVITY') continue;
      const related = changes.filter((c) => c.object_key === rule.object);
      const unknown: string[] = [];
      for (const change of related) {
        const moved = change.changes[rule.via];
        if (!moved) {
          unknown.push(change.record_id);
          continue;
        }
        for (const id of moved) if (typeof id === 'string') ids.add(id);
      }
      const other = metadata.objects.find((o) => o.key === rule.object);
      const via = other?.fields.find((f) => f.key === rule.via);
      if (!unknown.length || !other || !via?.column) continue;
      const rows = await queryRows<{ id: string | null }>(
        em,
        `select ${quote(via.column)} as id from ${qualified(metadata.schema, other.table)} where id = any(?::uuid[])`,
        [`{${unknown.join(',')}}`],
      );
      for (const row of rows) if (row.id) ids.add(row.id);
    }
  }
  return result;
}

export function createLeadRating(deps: LeadRatingDeps): LeadRating {
  // Saving a model bumps the metadata version.
  const models = new PerMetadataVersion((metadata) => modelsOf(deps.orm.em.fork(), metadata));
  const metadataOf = async (em: EntityManager, workspaceId: string) =>
    deps.metadataCache.get(em, workspaceId);
  const options = { emailsAnswered: deps.emailsAnswered };
  return {
    consumer: {
      name: ratingConsumerName,
      wants: async (metadata) => (await models.of(metadata)).length > 0,
      consume: async (em, { workspaceId, metadata, changes }) => {
        const jobs: ScheduledJob[] = [];
        const last = changes.at(-1)?.id ?? '0';
        for (const [stored, ids] of await touched(em, metadata, await models.of(metadata), changes)) {
          if (!ids.size) continue;
          jobs.push({
            task: rateTask,
            key: `${rateTask}:${workspaceId}:${stored.object.id}:${last}`,
            payload: { workspaceId, objectId: stored.object.id, ids: [...ids] },
            runAt: new Date(),
          });
        }
        await scheduleJobs(em, jobs);
      },
    },
    tasks: (store) => ({
      [rateTask]: async (payload) => {
        const { workspaceId, objectId, ids } = payload as {
          workspaceId: string;
          objectId: string;
          ids: string[];
        };
        const em = deps.orm.em.fork();
        const metadata = await metadataOf(em, workspaceId);
        const stored = metadata && (await modelsOf(em, metadata)).find((m) => m.object.id === objectId);
        if (metadata && stored) await rateRecords(em, metadata, store(), stored, ids, options);
      },
      [rateAllTask]: async (payload) => {
        const { workspaceId, objectId } = payload as { workspaceId: string; objectId: string };
        const em = deps.orm.em.fork();
        const metadata = await metadataOf(em, workspaceId);
        const stored = metadata && (await modelsOf(em, metadata)).find((m) => m.object.id === objectId);
        if (metadata && stored) await rateAll(em, metadata, store(), stored, options);
      },
      [nightlyTask]: async () => {
        const em = deps.orm.em.fork();
        const jobs: ScheduledJob[] = [];
        for (const workspaceId of await workspacesWithModels(em)) {
          const metadata = await metadataOf(em, workspaceId);
          if (metadata)
            for (const m of await modelsOf(em, metadata)) jobs.push(rateAllJob(workspaceId, m.object.id));
        }
        await scheduleJobs(em, [...jobs, nightlyJob(nextNight())]);
        deps.logger.info({ models: jobs.length }, 'nightly lead rating scheduled');
      },
    }),
    emailAnswered: async (em, { workspaceId, recordIds, eventId }) => {
      const metadata = recordIds.length ? await metadataOf(em, workspaceId) : null;
      if (!metadata) return;
      const counting = (await models.of(metadata)).filter((m) =>
        m.model.rules.some((r) => r.kind === 'EMAILS_ANSWERED'),
      );
      // Ids of other objects' records are skipped by the job (not found on this object).
      await scheduleJobs(
        em,
        counting.map((stored) => ({
          task: rateTask,
          key: `${rateTask}:${workspaceId}:${stored.object.id}:mail:${eventId}`,
          payload: { workspaceId, objectId: stored.object.id, ids: [...recordIds] },
          runAt: new Date(),
        })),
      );
    },
    start: () => scheduleJobs(deps.orm.em.fork(), [nightlyJob(nextNight())], { preserveRunAt: true }),
  };
}
