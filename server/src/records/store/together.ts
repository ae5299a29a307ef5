import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../../metadata/index.js';
import type { RecordContext } from '../api.js';

/**
 * Several record-store writes as one transaction (a merge, a lead conversion): `work`
 * gets a context whose writes join it, and their after-commit work (the change feed's
 * wake-up, consumers') runs once it has committed, never for a rolled-back write.
 */
export async function writeTogether<T>(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  actorId: string,
  work: (ctx: RecordContext) => Promise<T>,
): Promise<T> {
  const tasks: (() => Promise<void>)[] = [];
  const result = await em.transactional((tx) =>
    work({ em: tx, metadata, actorId, deferAfterCommit: (task) => void tasks.push(task) }),
  );
  for (const task of tasks) await task();
  return result;
}
