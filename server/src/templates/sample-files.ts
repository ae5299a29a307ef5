import { randomUUID } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { storeFieldFile } from '../files/index.js';
import type { FieldDef, ObjectDef } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { sampleFilePaths } from './check-photos.js';
import type { StepRun } from './plan.js';

/**
 * A sample record's FILE or IMAGE value: the files it names in the template's folder, stored
 * through the upload path (type read from the bytes, thumbnails) inside the install's
 * transaction; the ids go in the field.
 */
export async function storeSampleFiles(
  run: StepRun,
  templateKey: string,
  object: ObjectDef,
  field: FieldDef,
  value: unknown,
): Promise<string[]> {
  const paths = sampleFilePaths(value);
  if (!paths) throw new BadInput([field.key], `${field.key}: must be a list of { file: <path> }.`);
  const { store } = run.photos;
  const ids: string[] = [];
  for (const file of paths) {
    const temp = path.join(store.tempDir, `${randomUUID()}.sample`);
    try {
      await copyFile(path.join(run.templatesDir, templateKey, file), temp);
    } catch {
      throw new BadInput([field.key], `${field.key}: no file “${file}” in the template’s folder.`);
    }
    const stored = await storeFieldFile(run.tx.em, store, {
      workspaceId: run.tx.workspaceId,
      objectId: object.id,
      field,
      tempPath: temp,
      name: path.basename(file),
      createdBy: run.actorId,
    });
    run.storedFiles.push(stored.id);
    ids.push(stored.id);
  }
  return ids;
}
