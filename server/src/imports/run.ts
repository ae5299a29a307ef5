import type { JobTasks } from '../jobs/index.js';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import type { RecordContext } from '../records/index.js';
import { parseFile, type SheetRow } from './parse.js';
import { planBatch } from './rows.js';
import { mapColumns, type MappedColumn } from './settings.js';
import { advanceRun, type ImportRun, journal, type JournalEntry, moveRun, uploadData } from './store.js';
import { announce, type ImportDeps } from './deps.js';
import { undoRun } from './undo.js';
import { holdRun, recoverRuns, recoverTask, recoveryIntervalMs, scheduleRecovery } from './recover.js';

export const importTask = 'imports:run';
export const undoTask = 'imports:undo';

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
    const before = updates.length
      ? await store.getMany(
          ctx,
          object,
          updates.map((r) => r.recordId!),
        )
      : [];
    const { created } = await store.writeMany(ctx, object, {
      creates: creates.map((r) => r.input),
      updates: updates.map((r) => ({ id: r.recordId!, patch: r.input })),
    });
    const entries: JournalEntry[] = [
      ...created.map((row) => ({ recordId: row.id, action: 'create' as const, before: null })),
      ...updates.map((r, i) => ({
        recordId: r.recordId!,
        action: 'update' as const,
        before: Object.fromEntries(Object.keys(r.input).map((key) => [key, before[i]?.[key] ?? null])),
      })),
    ];
    await journal(em, run.id, entries);
    await advanceRun(em, run.id, {
      from: position,
      position: position + rows.length,
      created: creates.length,
      updated: updates.length,
      skipped: plan.errors.length,
      errors: plan.errors,
    });
  });
  for (const task of afterCommit) await task();
}

async function runImport(deps: ImportDeps, runId: string): Promise<void> {
  const release = await holdRun(deps, runId);
  // Another worker has it (a sweep queued it again while it was starting): it finishes it.
  if (!release) return;
  try {
    await resumeImport(deps, runId);
  } finally {
    await release();
  }
}

async function resumeImport(deps: ImportDeps, runId: string): Promise<void> {
  const em = deps.orm.em.fork();
  if (!(await moveRun(em, runId, ['QUEUED', 'RUNNING'], 'RUNNING'))) return;
  // Should this process die, the sweep finds the run orphaned within the interval.
  await scheduleRecovery(deps, recoveryIntervalMs, { preserve: true });
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
    [recoverTask]: async () => recoverRuns(deps, importTask),
  };
}

/** At a worker's start: runs left RUNNING by a dead worker are resumed (call once the queue's tables exist). */
export async function startImports(deps: Pick<ImportDeps, 'orm'>): Promise<void> {
  await scheduleRecovery(deps, 0);
}
