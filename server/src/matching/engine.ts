import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ChangeConsumer } from '../consumers/index.js';
import { scheduleJobs, type JobTasks, type ScheduledJob } from '../jobs/index.js';
import { PerMetadataVersion, type MetadataCache, type WorkspaceMetadata } from '../metadata/index.js';
import type { EventBus, Logger } from '../platform/index.js';
import type { ChangeLogRow, RecordAccessViews } from '../records/index.js';
import type { ResolvedDefinition } from './check.js';
import { notifyNewMatch, type NewMatch } from './notify.js';
import { syncPairs } from './pairs.js';
import { definitionsOf } from './store.js';
import { publishMatchesChanged } from './topics.js';

/**
 * Live matching: a change consumer reads committed changes of seeker and candidate objects,
 * brings their pairs up to date in its transaction and enqueues, with the cursor's advance,
 * a job telling the pages whose matches changed and one job per pair matching for the first
 * time (its seeker's agents are notified; the pair's `notified_at` makes that once).
 */

export const matchingConsumerName = 'matching';
const notifyTask = 'matching:notify';
const publishTask = 'matching:publish';

export interface MatchingDeps {
  orm: MikroORM;
  logger: Logger;
  events: EventBus;
  metadataCache: MetadataCache;
  recordAccess: RecordAccessViews;
}

export interface Matching {
  consumer: ChangeConsumer;
  tasks: JobTasks;
}

/** The ids of records of `objectId` that `changes` created, updated, deleted or restored. */
function changedIds(changes: readonly ChangeLogRow[], objectId: string): string[] {
  return [...new Set(changes.filter((c) => c.object_id === objectId).map((c) => c.record_id))];
}

/** Brings the pairs of the changed records up to date; returns the jobs that tell about it. */
async function consumeDefinition(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  resolved: ResolvedDefinition,
  changes: readonly ChangeLogRow[],
): Promise<ScheduledJob[]> {
  const seekerIds = changedIds(changes, resolved.seeker.id);
  const candidateIds = changedIds(changes, resolved.candidate.id);
  if (!seekerIds.length && !candidateIds.length) return [];
  const sync = await syncPairs(em, metadata, resolved, { seekerIds, candidateIds });
  const { workspaceId } = metadata;
  const key = resolved.definition.key;
  const jobs: ScheduledJob[] = sync.firstTime.map((pair) => ({
    task: notifyTask,
    key: `${notifyTask}:${workspaceId}:${key}:${pair.seeker_id}:${pair.candidate_id}`,
    payload: { workspaceId, definitionKey: key, ...pair } satisfies NewMatch,
    runAt: new Date(),
  }));
  // The changed records themselves are told even when their pairs look the same: a push computes
  // the matches when it runs, so one sent between two quick changes may show the state in between,
  // and the last change's batch (finding the pairs as stored) would otherwise leave it there.
  const recordIds = [...new Set([...seekerIds, ...candidateIds, ...sync.seekers, ...sync.candidates])];
  if (recordIds.length)
    jobs.push({
      task: publishTask,
      key: `${publishTask}:${workspaceId}:${key}:${changes.at(-1)!.id}`,
      payload: { workspaceId, recordIds },
      runAt: new Date(),
    });
  return jobs;
}

export function createMatching(deps: MatchingDeps): Matching {
  // Installing a definition bumps the metadata version.
  const definitions = new PerMetadataVersion((metadata) => definitionsOf(deps.orm.em.fork(), metadata));
  return {
    consumer: {
      name: matchingConsumerName,
      wants: async (metadata) => (await definitions.of(metadata)).length > 0,
      wakesFor: async (metadata, objectId) =>
        (await definitions.of(metadata)).some((d) => d.seeker.id === objectId || d.candidate.id === objectId),
      consume: async (em, { metadata, changes }) => {
        const jobs: ScheduledJob[] = [];
        for (const resolved of await definitions.of(metadata))
          jobs.push(...(await consumeDefinition(em, metadata, resolved, changes)));
        await scheduleJobs(em, jobs);
      },
    },
    tasks: {
      [notifyTask]: async (payload) => {
        const em = deps.orm.em.fork();
        const match = payload as unknown as NewMatch;
        const metadata = await deps.metadataCache.get(em, match.workspaceId);
        const resolved =
          metadata &&
          (await definitionsOf(em, metadata)).find((d) => d.definition.key === match.definitionKey);
        if (metadata && resolved) await notifyNewMatch({ ...deps, em }, metadata, resolved, match);
      },
      [publishTask]: async (payload) => {
        const { workspaceId, recordIds } = payload as { workspaceId: string; recordIds: string[] };
        await publishMatchesChanged(deps.events, workspaceId, recordIds);
      },
    },
  };
}
