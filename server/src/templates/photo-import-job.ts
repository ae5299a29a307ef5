import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { storeFieldFile } from '../files/index.js';
import type { JobTasks } from '../jobs/index.js';
import type { MetadataCache } from '../metadata/index.js';
import { AppError, type Logger } from '../platform/index.js';
import type { RecordContext, RecordStore } from '../records/index.js';
import { fetchPhoto, PhotoFetchFailed } from './photo-fetch.js';
import { importPhotosTask } from './photo-import-steps.js';
import type { TemplatePhotoSettings } from './photo-settings.js';

export interface PhotoImportDeps {
  orm: MikroORM;
  logger: Logger;
  metadataCache: MetadataCache;
  records: () => RecordStore;
  photos: TemplatePhotoSettings;
}

interface Payload {
  workspaceId: string;
  recordId: string;
  toFieldId: string;
}

interface ImportRow {
  id: string;
  url: string;
  object_id: string;
  object_key: string;
  to_field_key: string;
  actor_id: string;
}

/** The job that copies one record's photo URLs into its IMAGE field (copyUrlToImage). */
export function templateTasks(deps: PhotoImportDeps): JobTasks {
  return {
    [importPhotosTask]: async (payload, helpers) => {
      const { attempts, max_attempts } = helpers.job;
      await importRecordPhotos(deps, payload as Payload, attempts >= max_attempts);
    },
  };
}

/**
 * Fetches the record's pending URLs in order, each stored and added to the field in its own
 * transaction, so a photo done stays done when a later one fails. A failure that retrying
 * cannot mend (a refused host, not an image, a 404) marks its row FAILED with the reason; one
 * that may pass later (a timeout, a 5xx) keeps it PENDING and fails the job, which the queue
 * retries with backoff, until the last attempt marks it FAILED too.
 */
async function importRecordPhotos(deps: PhotoImportDeps, payload: Payload, lastAttempt: boolean) {
  const em = deps.orm.em.fork();
  const rows = await em.execute<ImportRow[]>(
    `select id, url, object_id, object_key, to_field_key, actor_id from template_photo_import
     where workspace_id = ? and record_id = ? and to_field_id = ? and status = 'PENDING'
     order by position, created_at`,
    [payload.workspaceId, payload.recordId, payload.toFieldId],
  );
  let retry: PhotoFetchFailed | undefined;
  for (const row of rows) {
    try {
      await importOne(deps, em, payload, row);
    } catch (error) {
      const failure = asFailure(error);
      const final = !failure.retryable || lastAttempt;
      await em.execute(
        `update template_photo_import set status = ?, error = ?, attempts = attempts + 1, updated_at = now() where id = ?`,
        [final ? 'FAILED' : 'PENDING', failure.message, row.id],
      );
      deps.logger.warn(
        { url: row.url, recordId: payload.recordId, final },
        `photo import: ${failure.message}`,
      );
      if (!final) retry ??= failure;
    }
  }
  if (retry) throw retry;
}

function asFailure(error: unknown): PhotoFetchFailed {
  if (error instanceof PhotoFetchFailed) return error;
  // Refused by the upload path or the record's write (not an image, the field full): final.
  if (error instanceof AppError) return new PhotoFetchFailed(error.message, false);
  return new PhotoFetchFailed(error instanceof Error ? error.message : String(error), true);
}

async function importOne(deps: PhotoImportDeps, em: EntityManager, payload: Payload, row: ImportRow) {
  const { store } = deps.photos;
  const temp = path.join(store.tempDir, `${randomUUID()}.import`);
  let stored: string | undefined;
  try {
    const name = await fetchPhoto({
      url: row.url,
      tempPath: temp,
      maxBytes: deps.photos.maxFileBytes,
      allowedHosts: deps.photos.allowedHosts,
    });
    const metadata = await deps.metadataCache.get(em, payload.workspaceId);
    const object = metadata?.objects.find((o) => o.id === row.object_id && !o.archivedAt);
    const field = object?.fields.find((f) => f.id === payload.toFieldId && !f.archivedAt);
    if (!metadata || !object || field?.type !== 'IMAGE')
      throw new PhotoFetchFailed(`${row.object_key}.${row.to_field_key} is no longer an IMAGE field.`, false);
    const afterCommit: (() => Promise<void>)[] = [];
    await em.fork().transactional(async (tx) => {
      const file = await storeFieldFile(tx, store, {
        workspaceId: payload.workspaceId,
        objectId: object.id,
        field,
        tempPath: temp,
        name,
        createdBy: row.actor_id,
      });
      stored = file.id;
      const ctx: RecordContext = {
        em: tx,
        metadata,
        actorId: row.actor_id,
        deferAfterCommit: (task) => afterCommit.push(task),
      };
      const records = deps.records();
      const [record] = await records.getMany(ctx, object, [payload.recordId]);
      if (!record) throw new PhotoFetchFailed('The record was deleted.', false);
      const current = Array.isArray(record[field.key]) ? (record[field.key] as string[]) : [];
      await records.update(ctx, object, { id: record.id, patch: { [field.key]: [...current, file.id] } });
      await tx.execute(
        `update template_photo_import set status = 'DONE', error = null, file_id = ?, attempts = attempts + 1,
           updated_at = now() where id = ?`,
        [file.id, row.id],
      );
    });
    stored = undefined;
    for (const task of afterCommit)
      await task().catch((error: unknown) => deps.logger.warn({ err: error }, 'photo import: after commit'));
  } finally {
    if (stored) await store.removeFile(payload.workspaceId, stored);
    await rm(temp, { force: true });
  }
}
