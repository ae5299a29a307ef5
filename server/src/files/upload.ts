import { rm } from 'node:fs/promises';
import { requirePermission } from '../identity/index.js';
import { activeFields, activeObjects, type FieldDef, type ObjectDef } from '../metadata/index.js';
import { BadInput, NotFound } from '../platform/index.js';
import { storeFieldFile } from './field-file.js';
import { fileRef, type FileRefValue } from './refs.js';
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
 * Stores one uploaded file for a field (storeFieldFile: its type read from its bytes, images
 * turned into their versions), the row and the bytes in one step: if either fails, neither stays.
 */
export async function receiveFile(ctx: FilesContext, upload: ReceivedFile): Promise<FileRefValue> {
  const { store } = ctx.services.files;
  const access = requirePermission(ctx, 'records.write');
  const workspaceId = access.workspaceId;
  let stored: string | undefined;
  try {
    const { object, field } = await fileField(ctx, workspaceId, upload);
    const row = await ctx.em.transactional(async (em) => {
      const incoming = {
        ...upload,
        workspaceId,
        objectId: object.id,
        field,
        createdBy: access.caller.user.id,
      };
      const file = await storeFieldFile(em, store, incoming);
      stored = file.id;
      return file;
    });
    return fileRef(ctx.services.files, { ...row, size: String(row.size), record_id: null });
  } catch (error) {
    if (stored) await store.removeFile(workspaceId, stored);
    throw error;
  } finally {
    await rm(upload.tempPath, { force: true });
  }
}
