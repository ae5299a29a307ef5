import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { MetadataCache } from '../metadata/index.js';
import type { EventBus, ImportConfig, Logger } from '../platform/index.js';
import type { SqlRecordStore } from '../records/index.js';
import { findRun, type ImportRun } from './store.js';
import { runRoute } from './topics.js';

export interface ImportDeps {
  orm: MikroORM;
  events: EventBus;
  logger: Logger;
  metadataCache: MetadataCache;
  records: () => SqlRecordStore;
  config: ImportConfig;
}

/** Publishes the run as it now is to its watchers (the progress bar). */
export async function announce(
  deps: Pick<ImportDeps, 'events'>,
  em: EntityManager,
  runId: string,
): Promise<ImportRun | null> {
  const run = await findRun(em, runId);
  if (run) await deps.events.publish('imports.progress', runRoute(run.workspaceId, run.id), { runId });
  return run;
}
