import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Conflict, NotFound, queryRows } from '../platform/index.js';
import type { ImportSettings } from './settings.js';
import type { RowError } from './rows.js';

/** The import tables (see the migration): uploads, saved mappings, runs and their journal. */

export interface ImportUpload {
  id: string;
  workspaceId: string;
  fileName: string;
  format: 'CSV' | 'XLSX';
  encoding: string;
  size: number;
  headers: string[];
  rowCount: number;
  createdAt: Date;
}

export type ImportStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' | 'UNDOING' | 'UNDONE';

export interface ImportRun {
  id: string;
  workspaceId: string;
  uploadId: string;
  objectId: string;
  actorId: string;
  fileName: string;
  settings: ImportSettings;
  status: ImportStatus;
  totalRows: number;
  position: number;
  created: number;
  updated: number;
  skipped: number;
  errors: RowError[];
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  undoneAt: Date | null;
}

export interface ImportMapping {
  id: string;
  objectKey: string;
  name: string;
  settings: Omit<ImportSettings, never>;
  updatedAt: Date;
}

/** The run keeps at most this many row errors; the rest are counted in `skipped`. */
export const keptErrors = 1_000;

const uploadColumns = `id, workspace_id as "workspaceId", file_name as "fileName", format, encoding, size, headers,
  row_count as "rowCount", created_at as "createdAt"`;

export async function insertUpload(
  em: EntityManager,
  upload: Omit<ImportUpload, 'id' | 'createdAt'> & { createdBy: string; data: Uint8Array },
): Promise<ImportUpload> {
  const [row] = await queryRows<ImportUpload>(
    em,
    `insert into import_upload (id, workspace_id, created_by, file_name, format, encoding, size, data, headers, row_count)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) returning ${uploadColumns}`,
    [
      randomUUID(),
      upload.workspaceId,
      upload.createdBy,
      upload.fileName,
      upload.format,
      upload.encoding,
      upload.size,
      Buffer.from(upload.data),
      JSON.stringify(upload.headers),
      upload.rowCount,
    ],
  );
  return row!;
}

export async function getUpload(em: EntityManager, workspaceId: string, id: string): Promise<ImportUpload> {
  const [row] = await queryRows<ImportUpload>(
    em,
    `select ${uploadColumns} from import_upload where id = ? and workspace_id = ?`,
    [id, workspaceId],
  );
  if (!row) throw new NotFound(`Upload ${id}`);
  return row;
}

export async function uploadData(em: EntityManager, id: string): Promise<Uint8Array> {
  const [row] = await queryRows<{ data: Buffer }>(em, 'select data from import_upload where id = ?', [id]);
  if (!row) throw new NotFound(`Upload ${id}`);
  return row.data;
}

const runColumns = `r.id, r.workspace_id as "workspaceId", r.upload_id as "uploadId", r.object_id as "objectId",
  r.actor_id as "actorId", u.file_name as "fileName", r.settings, r.status, r.total_rows as "totalRows", r.position,
  r.created, r.updated, r.skipped, r.errors, r.error, r.created_at as "createdAt", r.finished_at as "finishedAt",
  r.undone_at as "undoneAt"`;

export async function insertRun(
  em: EntityManager,
  run: Pick<ImportRun, 'workspaceId' | 'uploadId' | 'objectId' | 'actorId' | 'settings' | 'totalRows'>,
): Promise<string> {
  const id = randomUUID();
  await queryRows(
    em,
    `insert into import_run (id, workspace_id, upload_id, object_id, actor_id, settings, status, total_rows)
     values (?, ?, ?, ?, ?, ?::jsonb, 'QUEUED', ?)`,
    [
      id,
      run.workspaceId,
      run.uploadId,
      run.objectId,
      run.actorId,
      JSON.stringify(run.settings),
      run.totalRows,
    ],
  );
  return id;
}

/** A run by id (any workspace: the jobs' view), or null. */
export async function findRun(em: EntityManager, id: string): Promise<ImportRun | null> {
  const [row] = await queryRows<ImportRun>(
    em,
    `select ${runColumns} from import_run r join import_upload u on u.id = r.upload_id where r.id = ?`,
    [id],
  );
  return row ? withDates(row) : null;
}

/** The pool's connection hands timestamps over as PostgreSQL's text; the API's DateTime wants dates. */
function withDates(run: ImportRun): ImportRun {
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    ...run,
    createdAt: date(run.createdAt)!,
    finishedAt: date(run.finishedAt),
    undoneAt: date(run.undoneAt),
  };
}

export async function getRun(em: EntityManager, workspaceId: string, id: string): Promise<ImportRun> {
  const run = await findRun(em, id);
  if (!run || run.workspaceId !== workspaceId) throw new NotFound(`Import ${id}`);
  return run;
}

export async function listRuns(
  em: EntityManager,
  workspaceId: string,
  objectId: string,
): Promise<ImportRun[]> {
  const runs = await queryRows<ImportRun>(
    em,
    `select ${runColumns} from import_run r join import_upload u on u.id = r.upload_id
     where r.workspace_id = ? and r.object_id = ? order by r.created_at desc limit 50`,
    [workspaceId, objectId],
  );
  return runs.map(withDates);
}

/** Moves a run from one of `from` to `to`; false when it was in another status. */
export async function moveRun(
  em: EntityManager,
  id: string,
  from: readonly ImportStatus[],
  to: ImportStatus,
  error: string | null = null,
): Promise<boolean> {
  const rows = await queryRows(
    em,
    `update import_run set status = ?, error = ?,
       finished_at = case when ? in ('DONE', 'FAILED') then now() else finished_at end,
       undone_at = case when ? = 'UNDONE' then now() else undone_at end
     where id = ? and status = any(?::text[]) returning id`,
    [to, error, to, to, id, from],
  );
  return rows.length > 0;
}

/**
 * A batch's outcome, written in the batch's transaction: the position a resumed run starts
 * from. The run must still be at `from`: a batch applied twice (two workers on one run)
 * fails and rolls back with its records.
 */
export async function advanceRun(
  em: EntityManager,
  id: string,
  batch: {
    from: number;
    position: number;
    created: number;
    updated: number;
    skipped: number;
    errors: RowError[];
  },
): Promise<void> {
  const moved = await queryRows(
    em,
    `update import_run set position = ?, created = created + ?, updated = updated + ?, skipped = skipped + ?,
       errors = case when jsonb_array_length(errors) >= ? then errors
                else (select coalesce(jsonb_agg(e), '[]') from (select e from jsonb_array_elements(errors || ?::jsonb) e limit ?) k) end
     where id = ? and position = ? and status = 'RUNNING' returning id`,
    [
      batch.position,
      batch.created,
      batch.updated,
      batch.skipped,
      keptErrors,
      JSON.stringify(batch.errors),
      keptErrors,
      id,
      batch.from,
    ],
  );
  if (!moved.length) throw new Conflict(`Import ${id} is no longer at row ${batch.from}.`);
}

export interface JournalEntry {
  recordId: string;
  action: 'create' | 'update';
  /** For an update: the changed fields' values before it. */
  before: Record<string, unknown> | null;
}

/** What a batch did, for undo; a record touched again keeps its first action and oldest values. */
export async function journal(
  em: EntityManager,
  runId: string,
  entries: readonly JournalEntry[],
): Promise<void> {
  if (!entries.length) return;
  await queryRows(
    em,
    `insert into import_run_record (run_id, record_id, action, before)
     select ?, e.record_id, e.action, e.before::jsonb from unnest(?::uuid[], ?::text[], ?::text[]) as e (record_id, action, before)
     on conflict (run_id, record_id) do update set before = case when import_run_record.action = 'create' then null
       else excluded.before || import_run_record.before end`,
    [
      runId,
      entries.map((e) => e.recordId),
      entries.map((e) => e.action),
      entries.map((e) => (e.before === null ? null : JSON.stringify(e.before))),
    ],
  );
}

/** The next entries of a run's journal to undo. */
export async function journalPage(em: EntityManager, runId: string, limit: number): Promise<JournalEntry[]> {
  return queryRows<JournalEntry>(
    em,
    `select record_id::text as "recordId", action, before from import_run_record where run_id = ? order by record_id limit ?`,
    [runId, limit],
  );
}

export async function forgetJournal(
  em: EntityManager,
  runId: string,
  recordIds: readonly string[],
): Promise<void> {
  await queryRows(em, 'delete from import_run_record where run_id = ? and record_id = any(?::uuid[])', [
    runId,
    recordIds,
  ]);
}

export async function listMappings(
  em: EntityManager,
  workspaceId: string,
  objectKey: string,
): Promise<ImportMapping[]> {
  return queryRows<ImportMapping>(
    em,
    `select id, object_key as "objectKey", name, settings, updated_at as "updatedAt" from import_mapping
     where workspace_id = ? and object_key = ? order by name`,
    [workspaceId, objectKey],
  );
}

/** Saves a mapping under its name (replacing one of the same name). */
export async function saveMapping(
  em: EntityManager,
  workspaceId: string,
  actorId: string,
  mapping: Pick<ImportMapping, 'objectKey' | 'name' | 'settings'>,
): Promise<ImportMapping> {
  const [row] = await queryRows<ImportMapping>(
    em,
    `insert into import_mapping (id, workspace_id, object_key, name, settings, created_by) values (?, ?, ?, ?, ?::jsonb, ?)
     on conflict (workspace_id, object_key, name) do update set settings = excluded.settings, updated_at = now()
     returning id, object_key as "objectKey", name, settings, updated_at as "updatedAt"`,
    [randomUUID(), workspaceId, mapping.objectKey, mapping.name, JSON.stringify(mapping.settings), actorId],
  );
  return row!;
}

export async function deleteMapping(em: EntityManager, workspaceId: string, id: string): Promise<boolean> {
  const rows = await queryRows(
    em,
    'delete from import_mapping where id = ? and workspace_id = ? returning id',
    [id, workspaceId],
  );
  return rows.length > 0;
}
