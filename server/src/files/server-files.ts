import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileStore } from './file-store.js';
import { insertFile, type Sql } from './rows.js';

/** A file the server made (a rendered document), for one FILE field of an object. */
export interface ServerFile {
  workspaceId: string;
  objectId: string;
  fieldId: string;
  name: string;
  contentType: string;
  content: Buffer;
  createdBy: string;
}

/**
 * Stores a file made on the server, inside the caller's transaction `db`: the row is
 * inserted and the bytes put in place. It belongs to no record until a write puts its id in
 * the field. If the transaction fails, the caller removes the bytes with
 * `store.removeFile(workspaceId, id)`, so nothing is left half-way.
 */
export async function addServerFile(db: Sql, store: FileStore, file: ServerFile): Promise<string> {
  const id = randomUUID();
  const temp = path.join(store.tempDir, `${id}.server`);
  try {
    await writeFile(temp, file.content);
    await insertFile(db, {
      id,
      workspace_id: file.workspaceId,
      object_id: file.objectId,
      field_id: file.fieldId,
      name: file.name,
      size: file.content.length,
      content_type: file.contentType,
      width: null,
      height: null,
      variants: ['original'],
      created_by: file.createdBy,
    });
    await store.put(`${file.workspaceId}/${id}/original`, temp);
    return id;
  } finally {
    await rm(temp, { force: true });
  }
}
