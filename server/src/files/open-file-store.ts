import path from 'node:path';
import { DiskFileStore, type FileStore } from './file-store.js';
import { S3FileStore, type S3StoreSettings } from './s3-file-store.js';

/**
 * The server's file store, ready: a bucket when FILES_S3_BUCKET is set, else `DATA_DIR/files`.
 * Either way uploads are first streamed to `DATA_DIR/files/tmp`.
 */
export async function openFileStore(config: { dir: string; s3?: S3StoreSettings }): Promise<FileStore> {
  const store = config.s3
    ? new S3FileStore(config.s3, path.join(config.dir, 'tmp'))
    : new DiskFileStore(config.dir);
  await store.init();
  return store;
}
