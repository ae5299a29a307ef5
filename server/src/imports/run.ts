import type { JobTasks } from '../jobs/index.js';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import type { RecordContext, SqlRecordStore } from '../records/index.js';
import { parseFile, type SheetRow } from './parse.js';
import { planBatch, type PlannedRow } from './rows.js';
import { mapColumns, type MappedColumn } from './settings.js';
import { advanceRun, type ImportRun, journal, type JournalEntry, moveRun, uploadData } from './store.js';
import { announce, type ImportDeps } from './deps.js';
import { undoRun } from './undo.js';

export const importTask = 'imports:run';
export const undoTask = 'imports:undo';

/** The store's bulk calls take this many records each (its cap); a batch makes several in one transaction. */
const storeChunk = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * One transaction for a batch: the records written through the record store (validated,
 * logged in record_change, hooks run: live views, automation, webhooks), what they were
 * before kept in the run's journal, and the run's position moved past the batch. A failure
 * rolls all of it back, so a run resumes at the first row of the batch that failed.
 */
export async function applyBatch(
  deps: ImportDeps,
  scope: { metadata: WorkspaceMetadata; object: ObjectDef; run: ImportRun; columns: MappedColumn[] },
  rows: readonly SheetRow[],
  position: number,
): Promise<void> {
  const { metadata, object, run, columns } = scope;
  const store = deps.records();
  const afterCommit: (() => Promise<void>)[] = [];
  await deps.orm.em.fork().transactional(async (em) => {
    const ctx: RecordContext = {
      em,
      metadata,
      actorId: run.actorId,
      deferAfterCommit: (t) => afterCommit.push(t),
    };
    const plan = await planBatch(em, metadata, object, run.settings, columns, rows);
    const creates = plan.rows.filter((r) => r.recordId === null);
    const updates = plan.rows.filter((r) => r.recordId !== null);
    const entries: JournalEntry[] = [];
    for (const chunk of chunks(creates, storeChunk)) {
      const created = await store.createMany(
        ctx,
        object,
        chunk.map((r) => r.input),
      );
      entries.push(...created.map((row) => ({ recordId: row.id, action: 'create' as const, before: null })));
    }
    for (const chunk of chunks(updates, storeChunk))
      entries.push(...(await updateChunk(ctx, store, object, chunk)));
    await journal(em, run.id, entries);
    await advanceRun(em, run.id, {
      position: position + rows.length,
      created: creates.length,
      updated: updates.length,
      skipped: plan.errors.length,
      errors: plan.errors,
    });
  });
  for (const task of afterCommit) await task();
}

/** Updates matched records with their rows' values, keeping the values they replace. */
async function updateChunk(
  ctx: RecordContext,
  store: SqlRecordStore,
  object: ObjectDef,
  chunk: readonly PlannedRow[],
): Promise<JournalEntry[]> {
  const current = await store.getMany(
    ctx,
    object,
    chunk.map((r) => r.recordId!),
  );
  await store.updateMany(
    ctx,
    object,
    chunk.map((r) => ({ id: r.recordId!, patch: r.input })),
  );
  return chunk.map((r, i) => ({
    recordId: r.recordId!,
    action: 'update' as const,
    before: Object.fromEntries(Object.keys(r.input).map((key) => [key, current[i]?.[key] ?? null])),
  }));
}

async function runImport(deps: ImportDeps, runId: string): Promise<void> {
  const em = deps.orm.em.fork();
  if (!(await moveRun(em, runId, ['QUEUED', 'RUNNING'], 'RUNNING'))) return;
  let run = (await announce(deps, em, runId))!;
  try {
    const metadata = await deps.metadataCache.get(em, run.workspaceId);
    const object = metadata?.objects.find((o) => o.id === run.objectId && !o.archivedAt);
    if (!metadata || !object) throw new Error('The object was removed.');
    const file = await parseFile(await uploadData(em, run.uploadId));
    const scope = { metadata, object, run, columns: mapColumns(object, run.settings, file.headers) };
    for (let position = run.position; position < file.rows.length; position += deps.config.batchSize) {
      await applyBatch(deps, scope, file.rows.slice(position, position + deps.config.batchSize), position);
      run = (await announce(deps, em, runId))!;
    }
    await moveRun(em, runId, ['RUNNING'], 'DONE');
  } catch (error) {
    deps.logger.warn({ err: error, runId }, 'import failed');
    await moveRun(em, runId, ['RUNNING'], 'FAILED', (error as Error).message);
  }
  await announce(deps, em, runId);
}

/** The jobs of this module: running an import and undoing one. */
export function importTasks(deps: ImportDeps): JobTasks {
  return {
    [importTask]: async (payload) => runImport(deps, (payload as { runId: string }).runId),
    [undoTask]: async (payload) => undoRun(deps, (payload as { runId: string }).runId),
  };
}
