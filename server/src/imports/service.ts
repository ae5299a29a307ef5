import { requirePermission } from '../identity/index.js';
import { scheduleJobs } from '../jobs/index.js';
import { activeObjects, type ObjectDef } from '../metadata/index.js';
import { BadInput, Conflict, NotFound } from '../platform/index.js';
import { parseFile } from './parse.js';
import { planBatch, type PlannedRow, type RowError } from './rows.js';
import { importTask, undoTask } from './run.js';
import type { ImportsContext } from './services.js';
import { runRoute } from './topics.js';
import { type ImportSettings, mapColumns, suggestColumns, type ImportColumn } from './settings.js';
import {
  getRun,
  getUpload,
  type ImportRun,
  type ImportUpload,
  insertRun,
  insertUpload,
  listRuns,
  moveRun,
  uploadData,
} from './store.js';

/** What the resolvers and the upload route do; each checks the caller's permission first. */

export interface ImportRequest extends ImportSettings {
  uploadId: string;
  objectKey: string;
}

export interface ImportPreview {
  totalRows: number;
  toCreate: number;
  toUpdate: number;
  errorCount: number;
  /** The first errors, by line. */
  errors: RowError[];
  /** The first rows as they would be written. */
  rows: PlannedRow[];
}

const previewErrors = 1_000;
const previewRows = 20;
const previewBatch = 2_000;

async function objectByKey(
  ctx: ImportsContext,
  workspaceId: string,
  key: string,
  at: string[],
): Promise<ObjectDef> {
  const metadata = await ctx.services.metadataCache.get(ctx.em, workspaceId);
  const object = metadata && activeObjects(metadata).find((o) => o.key === key);
  if (!object) throw new BadInput(at, `objectKey: there is no object ${key}.`);
  return object;
}

/** Parses and keeps an uploaded file (the upload route's work). */
export async function receiveUpload(
  ctx: ImportsContext,
  file: { name: string; data: Uint8Array },
): Promise<ImportUpload> {
  const { workspaceId, caller } = requirePermission(ctx, 'records.write');
  if (!/\.(csv|tsv|txt|xlsx)$/i.test(file.name))
    throw new BadInput(['file'], `"${file.name}" is not a CSV or XLSX file (.csv, .tsv, .txt or .xlsx).`);
  const parsed = await parseFile(file.data);
  return insertUpload(ctx.em, {
    workspaceId,
    createdBy: caller.user.id,
    fileName: file.name,
    format: parsed.format,
    encoding: parsed.encoding,
    size: file.data.byteLength,
    data: file.data,
    headers: parsed.headers,
    rowCount: parsed.rows.length,
  });
}

export async function readUpload(ctx: ImportsContext, id: string): Promise<ImportUpload> {
  const { workspaceId } = requirePermission(ctx, 'records.write');
  return getUpload(ctx.em, workspaceId, id);
}

export async function suggestMapping(
  ctx: ImportsContext,
  uploadId: string,
  objectKey: string,
): Promise<ImportColumn[]> {
  const upload = await readUpload(ctx, uploadId);
  return suggestColumns(await objectByKey(ctx, upload.workspaceId, objectKey, ['objectKey']), upload.headers);
}

/** Every row planned as the run would, nothing written: counts, the first errors and rows. */
export async function previewImport(ctx: ImportsContext, request: ImportRequest): Promise<ImportPreview> {
  const upload = await readUpload(ctx, request.uploadId);
  const object = await objectByKey(ctx, upload.workspaceId, request.objectKey, ['input', 'objectKey']);
  const columns = mapColumns(object, request, upload.headers);
  const metadata = (await ctx.services.metadataCache.get(ctx.em, upload.workspaceId))!;
  const file = await parseFile(await uploadData(ctx.em, upload.id));
  const preview: ImportPreview = {
    totalRows: file.rows.length,
    toCreate: 0,
    toUpdate: 0,
    errorCount: 0,
    errors: [],
    rows: [],
  };
  // Rows repeating a unique value across batches count as updates of the record the first creates.
  const keysSeen = new Set<string>();
  for (let i = 0; i < file.rows.length; i += previewBatch) {
    const plan = await planBatch(
      ctx.em,
      metadata,
      object,
      request,
      columns,
      file.rows.slice(i, i + previewBatch),
    );
    for (const row of plan.rows) {
      const key = request.uniqueFieldKey ? String(row.input[request.uniqueFieldKey]).toLowerCase() : null;
      const repeated = key !== null && keysSeen.has(key);
      if (key !== null) keysSeen.add(key);
      if (row.recordId || repeated) preview.toUpdate++;
      else preview.toCreate++;
    }
    preview.errorCount += plan.errors.length;
    preview.errors.push(...plan.errors.slice(0, previewErrors - preview.errors.length));
    preview.rows.push(...plan.rows.slice(0, previewRows - preview.rows.length));
  }
  return preview;
}

/** Queues the run; its job writes the rows a batch at a time (run.ts). */
export async function startImport(ctx: ImportsContext, request: ImportRequest): Promise<ImportRun> {
  const upload = await readUpload(ctx, request.uploadId);
  const object = await objectByKey(ctx, upload.workspaceId, request.objectKey, ['input', 'objectKey']);
  mapColumns(object, request, upload.headers);
  const settings: ImportSettings = {
    columns: request.columns,
    uniqueFieldKey: request.uniqueFieldKey,
    dateOrder: request.dateOrder,
    decimalSeparator: request.decimalSeparator,
  };
  const id = await ctx.em.transactional(async (em) => {
    const runId = await insertRun(em, {
      workspaceId: upload.workspaceId,
      uploadId: upload.id,
      objectId: object.id,
      actorId: ctx.caller!.user.id,
      settings,
      totalRows: upload.rowCount,
    });
    await scheduleJobs(em, [
      { task: importTask, payload: { runId }, runAt: new Date(), key: `import:${runId}`, maxAttempts: 1 },
    ]);
    return runId;
  });
  return getRun(ctx.em, upload.workspaceId, id);
}

/** Moves a run and queues its job, in one transaction; refuses a run in another status. */
async function moveAndQueue(
  ctx: ImportsContext,
  id: string,
  move: { from: ImportRun['status'][]; to: ImportRun['status']; task: string; refusal: string },
): Promise<ImportRun> {
  const { workspaceId } = requirePermission(ctx, 'records.write');
  const run = await getRun(ctx.em, workspaceId, id);
  await ctx.em.transactional(async (em) => {
    if (!(await moveRun(em, run.id, move.from, move.to, null)))
      throw new Conflict(`${move.refusal} (it is ${run.status.toLowerCase()}).`, { status: run.status });
    await scheduleJobs(em, [
      {
        task: move.task,
        payload: { runId: run.id },
        runAt: new Date(),
        key: `${move.task}:${run.id}`,
        maxAttempts: 1,
      },
    ]);
  });
  return getRun(ctx.em, workspaceId, id);
}

/** Undoes a finished (or failed) run: what it created is deleted, what it changed restored. */
export function undoImport(ctx: ImportsContext, id: string): Promise<ImportRun> {
  return moveAndQueue(ctx, id, {
    from: ['DONE', 'FAILED'],
    to: 'UNDOING',
    task: undoTask,
    refusal: 'Only a finished or failed import can be undone',
  });
}

/** Resumes a failed run at the first row of the batch that failed. */
export async function resumeImport(ctx: ImportsContext, id: string): Promise<ImportRun> {
  const { workspaceId } = requirePermission(ctx, 'records.write');
  const run = await getRun(ctx.em, workspaceId, id);
  if (run.undoneAt || run.error?.startsWith('Undo failed'))
    throw new Conflict('This import was being undone; undo it again instead.', { status: run.status });
  return moveAndQueue(ctx, id, {
    from: ['FAILED'],
    to: 'QUEUED',
    task: importTask,
    refusal: 'Only a failed import can resume',
  });
}

export async function importRuns(ctx: ImportsContext, objectKey: string): Promise<ImportRun[]> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  const object = await objectByKey(ctx, workspaceId, objectKey, ['objectKey']);
  return listRuns(ctx.em, workspaceId, object.id);
}

export async function importRun(ctx: ImportsContext, id: string): Promise<ImportRun> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  return getRun(ctx.em, workspaceId, id);
}

/** The route a progress subscription listens on, once the run is known to be the caller's workspace's. */
export async function progressRoute(ctx: ImportsContext, id: string): Promise<string> {
  const run = await importRun(ctx, id).catch(() => {
    throw new NotFound(`Import ${id}`);
  });
  return runRoute(run.workspaceId, run.id);
}
