import type { Readable } from 'node:stream';
import type { FileStore } from './file-store.js';
import { fileById, liveFiles, type Sql } from './rows.js';

/** A live file as other modules see it: which record holds it, and what it is. */
export interface StoredFile {
  id: string;
  /** The record whose FILE or IMAGE field holds it; null for an upload not put in a field yet. */
  recordId: string | null;
  objectId: string;
  fieldId: string;
  name: string;
  /** Of the served version (an image's web version: its original is not kept). */
  size: number;
  contentType: string;
}

/** The live (not deleted) files of a workspace among `ids`; others are left out. */
export async function storedFiles(
  db: Sql,
  workspaceId: string,
  ids: readonly string[],
): Promise<StoredFile[]> {
  const rows = await liveFiles(db, workspaceId, ids);
  return rows.map((row) => ({
    id: row.id,
    recordId: row.record_id,
    objectId: row.object_id,
    fieldId: row.field_id,
    name: row.name,
    size: Number(row.size),
    contentType: row.content_type,
  }));
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The bytes of a live file as it is served (an image's web version), with its name and type;
 * null when it was deleted, or its bytes are gone (purged).
 */
export async function readStoredFile(
  db: Sql,
  store: FileStore,
  workspaceId: string,
  fileId: string,
): Promise<{ name: string; contentType: string; content: Buffer } | null> {
  const row = await fileById(db, workspaceId, fileId);
  if (!row) return null;
  const variant = row.variants.includes('web') ? 'web' : 'original';
  let stream: Readable;
  try {
    stream = await store.read(`${workspaceId}/${fileId}/${variant}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return { name: row.name, contentType: row.content_type, content: await bytesOf(stream) };
}

/** The live files held by a record's FILE and IMAGE fields (a privacy export's attachments). */
export async function recordFiles(db: Sql, workspaceId: string, recordId: string): Promise<StoredFile[]> {
  const rows = await db.execute<{ id: string }[]>(
    'select id from file where workspace_id = ? and record_id = ? and deleted_at is null order by created_at, id',
    [workspaceId, recordId],
  );
  return rows.length
    ? storedFiles(
        db,
        workspaceId,
        rows.map((r) => r.id),
      )
    : [];
}
