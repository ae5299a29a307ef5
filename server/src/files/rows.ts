import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral as list } from '../records/index.js';

/** A `file` row as the module reads it. */
export interface FileRow {
  id: string;
  workspace_id: string;
  object_id: string;
  field_id: string;
  record_id: string | null;
  name: string;
  size: string;
  content_type: string;
  width: number | null;
  height: number | null;
  variants: string[];
}

const columns =
  'id, workspace_id, object_id, field_id, record_id, name, size, content_type, width, height, variants';

export type Sql = Pick<EntityManager, 'execute'>;

export type NewFile = Omit<FileRow, 'record_id' | 'size'> & { size: number; created_by: string };

export async function insertFile(db: Sql, file: NewFile): Promise<void> {
  await db.execute(
    `insert into file (id, workspace_id, object_id, field_id, name, size, content_type, width, height, variants, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?)`,
    [
      file.id,
      file.workspace_id,
      file.object_id,
      file.field_id,
      file.name,
      file.size,
      file.content_type,
      file.width,
      file.height,
      list(file.variants),
      file.created_by,
    ],
  );
}

/** Live files of one workspace by id. */
export async function liveFiles(db: Sql, workspaceId: string, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db.execute<FileRow[]>(
    `select ${columns} from file where workspace_id = ? and id = any(?::uuid[]) and deleted_at is null`,
    [workspaceId, list(ids)],
  );
}

/** Puts files in a record's field; they were checked to be live and of this workspace. */
export async function attachFiles(
  db: Sql,
  workspaceId: string,
  recordId: string,
  ids: readonly string[],
): Promise<void> {
  await db.execute(`update file set record_id = ? where workspace_id = ? and id = any(?::uuid[])`, [
    recordId,
    workspaceId,
    list(ids),
  ]);
}

/** Files taken out of a field are deleted (and purged later). */
export async function deleteFiles(db: Sql, workspaceId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    `update file set deleted_at = now() where workspace_id = ? and id = any(?::uuid[]) and deleted_at is null`,
    [workspaceId, list(ids)],
  );
}

/** A record's delete takes its files with it; its restore brings back those, not others. */
export async function setRecordsDeleted(
  db: Sql,
  workspaceId: string,
  recordIds: readonly string[],
  deleted: boolean,
): Promise<void> {
  if (recordIds.length === 0) return;
  await db.execute(
    deleted
      ? `update file set deleted_at = now(), deleted_with_record = true
         where workspace_id = ? and record_id = any(?::uuid[]) and deleted_at is null`
      : `update file set deleted_at = null, deleted_with_record = false
         where workspace_id = ? and record_id = any(?::uuid[]) and deleted_with_record`,
    [workspaceId, list(recordIds)],
  );
}

/**
 * Takes the rows of files deleted before `before`, and of uploads never put in a field,
 * out of the table (one workspace's, or with null every workspace's, at most `limit`);
 * their bytes are removed next (a crash in between leaves bytes without a row, never a row
 * without bytes).
 */
export async function takePurgeable(
  db: Sql,
  workspaceId: string | null,
  before: Date,
  limit = 2_147_483_647,
): Promise<{ id: string; workspace_id: string }[]> {
  return db.execute(
    `delete from file where id in (
       select id from file where (?::uuid is null or workspace_id = ?) and
         ((deleted_at is not null and deleted_at < ?) or (record_id is null and created_at < ?))
       limit ?)
     returning id, workspace_id`,
    [workspaceId, workspaceId, before.toISOString(), before.toISOString(), limit],
  );
}

export async function fileById(db: Sql, workspaceId: string, id: string): Promise<FileRow | undefined> {
  return (await liveFiles(db, workspaceId, [id]))[0];
}
