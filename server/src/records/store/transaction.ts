import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../../metadata/index.js';
import type { RecordChange, RecordContext } from '../api.js';
import type { Sql } from '../query/sql.js';
import { appendChanges, type PendingChange } from './change-log.js';
import type { RecordHooks } from './hooks.js';

/** One write: its transaction, the changes it logs, and the hooks around its commit. */

export interface WriteTx {
  em: EntityManager;
  metadata: WorkspaceMetadata;
  actorId: string;
  /** Appended by the write as it goes; logged in this order before commit. */
  pending: PendingChange[];
}

export function execute<T = Record<string, unknown>>(em: EntityManager, query: Sql): Promise<T[]> {
  return em.execute<T[]>(query.sql, query.params);
}

/**
 * Runs `work` in one transaction that also appends its changes to `record_change`;
 * after commit the hooks' afterCommit gets the logged changes.
 * Called inside an outer transaction, it joins it and "after commit" means after
 * this block.
 */
export async function runWrite<T>(
  ctx: RecordContext,
  hooks: readonly RecordHooks[],
  work: (tx: WriteTx) => Promise<T>,
  logged?: (changes: RecordChange[]) => void,
): Promise<T> {
  const { metadata, actorId } = ctx;
  let changes: RecordChange[] = [];
  const result = await retryingConflicts(ctx.em, () =>
    ctx.em.transactional(async (em) => {
      const tx: WriteTx = { em, metadata, actorId, pending: [] };
      const value = await work(tx);
      changes = await appendChanges(em, metadata.schema, actorId, tx.pending);
      for (const hook of hooks) await hook.afterWrite?.({ em, metadata, actorId, changes });
      return value;
    }),
  );
  logged?.(changes);
  if (changes.length) {
    const committed = async () => {
      for (const hook of hooks) await hook.afterCommit?.({ metadata, actorId, changes });
    };
    if (ctx.deferAfterCommit) ctx.deferAfterCommit(committed);
    else await committed();
  }
  return result;
}

/** PostgreSQL's "try again" failures: a deadlock it broke, or a serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

/**
 * Concurrent writes that lock records in different orders (a delete emptying pointers
 * while an update share-locks the same record) can deadlock; PostgreSQL aborts one of
 * them, and running it again is the right answer. A nested write belongs to its outer
 * transaction, which alone may retry.
 */
async function retryingConflicts<T>(em: EntityManager, run: () => Promise<T>): Promise<T> {
  if (em.isInTransaction()) return run();
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 20));
    }
  }
}
