import type { RecordContext } from '../records/index.js';
import { announce, type ImportDeps } from './deps.js';
import { forgetJournal, journalPage, moveRun, findRun } from './store.js';

/**
 * Undoes a run from its journal, a batch per transaction: records it created are deleted
 * (soft, as a user's delete: they stay restorable), records it changed get their former
 * values back, both through the record store; each batch's journal entries go with it,
 * so an undo that stops resumes where it was.
 */
export async function undoRun(deps: ImportDeps, runId: string): Promise<void> {
  const em = deps.orm.em.fork();
  const run = await findRun(em, runId);
  if (run?.status !== 'UNDOING') return;
  try {
    const metadata = await deps.metadataCache.get(em, run.workspaceId);
    const object = metadata?.objects.find((o) => o.id === run.objectId);
    if (!metadata || !object) throw new Error('The object was removed.');
    const store = deps.records();
    for (;;) {
      const afterCommit: (() => Promise<void>)[] = [];
      const done = await em.fork().transactional(async (tx) => {
        const entries = await journalPage(tx, runId, deps.config.batchSize);
        if (!entries.length) return true;
        const ctx: RecordContext = {
          em: tx,
          metadata,
          actorId: run.actorId,
          deferAfterCommit: (t) => afterCommit.push(t),
        };
        await store.deleteMany(
          ctx,
          object,
          entries.filter((e) => e.action === 'create').map((e) => e.recordId),
        );
        const changed = entries.filter((e) => e.action === 'update');
        const live = await store.getMany(
          ctx,
          object,
          changed.map((e) => e.recordId),
        );
        const restorable = changed.filter((_, i) => live[i]);
        for (let i = 0; i < restorable.length; i += 500) {
          const chunk = restorable.slice(i, i + 500);
          await store.updateMany(
            ctx,
            object,
            chunk.map((e) => ({ id: e.recordId, patch: e.before ?? {} })),
          );
        }
        await forgetJournal(
          tx,
          runId,
          entries.map((e) => e.recordId),
        );
        return false;
      });
      for (const task of afterCommit) await task();
      if (done) break;
      await announce(deps, em, runId);
    }
    await moveRun(em, runId, ['UNDOING'], 'UNDONE');
  } catch (error) {
    deps.logger.warn({ err: error, runId }, 'undoing an import failed');
    await moveRun(em, runId, ['UNDOING'], 'FAILED', `Undo failed: ${(error as Error).message}`);
  }
  await announce(deps, em, runId);
}
