import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FieldDef } from '../metadata/index.js';
import { detectContentType } from './content-type.js';
import type { FileStore } from './file-store.js';
import { imageTypes, processImage, storedImageName } from './images.js';
import { insertFile, type NewFile, type Sql } from './rows.js';

/** A file on its way into a FILE or IMAGE field: an upload, or a photo the server fetched or shipped. */
export interface IncomingFile {
  workspaceId: string;
  objectId: string;
  field: Pick<FieldDef, 'id' | 'type'>;
  /** The bytes, in the store's temp folder; removed when this returns or throws. */
  tempPath: string;
  name: string;
  createdBy: string;
}

/**
 * The one path a file takes into storage: its type read from its bytes (refused with
 * BAD_USER_INPUT, reason FILE_TYPE_REFUSED), images turned into their `web` and `thumb`
 * versions, then the row inserted with `db` and the bytes put in place. Run it inside the
 * caller's transaction; if that fails, the caller removes the bytes with
 * `store.removeFile(workspaceId, id)`.
 */
export async function storeFieldFile(db: Sql, store: FileStore, incoming: IncomingFile): Promise<NewFile> {
  const id = randomUUID();
  const temps = [incoming.tempPath];
  try {
    const kind = incoming.field.type === 'IMAGE' ? 'image' : 'file';
    let contentType = await detectContentType(incoming.tempPath, incoming.name, kind);
    let files: Record<string, string> = { original: incoming.tempPath };
    let name = incoming.name;
    let dimensions: { width: number | null; height: number | null } = { width: null, height: null };
    if (imageTypes.has(contentType)) {
      const image = await processImage(incoming.tempPath, path.join(store.tempDir, id), contentType);
      temps.push(...Object.values(image.files));
      files = image.files;
      contentType = image.contentType;
      name = storedImageName(name, contentType);
      dimensions = { width: image.width, height: image.height };
    }
    const served = files.web ?? files.original!;
    const row: NewFile = {
      id,
      workspace_id: incoming.workspaceId,
      object_id: incoming.objectId,
      field_id: incoming.field.id,
      name,
      size: (await stat(served)).size,
      content_type: contentType,
      ...dimensions,
      variants: Object.keys(files),
      created_by: incoming.createdBy,
    };
    await insertFile(db, row);
    try {
      for (const [variant, temp] of Object.entries(files))
        await store.put(`${incoming.workspaceId}/${id}/${variant}`, temp);
    } catch (error) {
      await store.removeFile(incoming.workspaceId, id);
      throw error;
    }
    return row;
  } finally {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
  }
}
