import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { requirePermission } from '../identity/index.js';
import { activeFields, activeObjects, type FieldDef, type ObjectDef } from '../metadata/index.js';
import { BadInput, NotFound } from '../platform/index.js';
import { detectContentType } from './content-type.js';
import { imageTypes, processImage, storedImageName } from './images.js';
import { fileRef, type FileRefValue } from './refs.js';
import { insertFile } from './rows.js';
import type { FilesContext } from './services.js';

export interface ReceivedFile {
  objectKey: string;
  fieldKey: string;
  /** The streamed upload, in the store's temp folder. */
  tempPath: string;
  name: string;
}

async function fileField(ctx: FilesContext, workspaceId: string, upload: ReceivedFile) {
  const metadata = await ctx.services.metadataCache.get(ctx.em, workspaceId);
  const object: ObjectDef | undefined = activeObjects(metadata!).find((o) => o.key === upload.objectKey);
  if (!object) throw new NotFound(`The object “${upload.objectKey}”`);
  const field: FieldDef | undefined = activeFields(object).find((f) => f.key === upload.fieldKey);
  if (!field || (field.type !== 'FILE' && field.type !== 'IMAGE'))
    throw new BadInput(['field'], `${object.labelSingular} has no FILE or IMAGE field “${upload.fieldKey}”.`);
  return { object, field };
}

/**
 * Stores one uploaded file for a field: its type read from its bytes, images turned into
 * their versions, then the row inserted and the bytes moved into place in one step: if
 * either fails, neither stays.
 */
export async function receiveFile(ctx: FilesContext, upload: ReceivedFile): Promise<FileRefValue> {
  const { store } = ctx.services.files;
  const access = requirePermission(ctx, 'records.write');
  const workspaceId = access.workspaceId;
  const id = randomUUID();
  const temps = [upload.tempPath];
  try {
    const { object, field } = await fileField(ctx, workspaceId, upload);
    const kind = field.type === 'IMAGE' ? 'image' : 'file';
    let contentType = await detectContentType(upload.tempPath, upload.name, kind);
    let files: Record<string, string> = { original: upload.tempPath };
    let name = upload.name;
    let dimensions: { width: number | null; height: number | null } = { width: null, height: null };
    if (imageTypes.has(contentType)) {
      const image = await processImage(upload.tempPath, path.join(store.tempDir, id), contentType);
      temps.push(...Object.values(image.files));
      files = image.files;
      contentType = image.contentType;
      name = storedImageName(name, contentType);
      dimensions = { width: image.width, height: image.height };
    }
    const served = files.web ?? files.original!;
    const row = {
      id,
      workspace_id: workspaceId,
      object_id: object.id,
      field_id: field.id,
      name,
      size: (await stat(served)).size,
      content_type: contentType,
      ...dimensions,
      variants: Object.keys(files),
      created_by: access.caller.user.id,
    };
    try {
      await ctx.em.transactional(async (em) => {
        await insertFile(em, row);
        for (const [variant, temp] of Object.entries(files))
          await store.put(`${workspaceId}/${id}/${variant}`, temp);
      });
    } catch (error) {
      await store.removeFile(workspaceId, id);
      throw error;
    }
    return fileRef(ctx.services.files, { ...row, size: String(row.size), record_id: null });
  } finally {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
  }
}
