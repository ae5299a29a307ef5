import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { FileStore } from './file-store.js';
import { checkedKey } from './file-store.js';

/** An S3-compatible bucket (AWS, MinIO, R2, …): FILES_S3_* in docs/configuration.md. */
export interface S3StoreSettings {
  bucket: string;
  /** None: AWS's own endpoint for the region. */
  endpoint?: string;
  region: string;
  /** None: the SDK's default chain (AWS_* variables, an instance role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `<endpoint>/<bucket>/<key>` rather than `<bucket>.<endpoint>/<key>` (most non-AWS servers). */
  forcePathStyle: boolean;
}

/**
 * Files as objects in a bucket, keys as on disk. Uploads still land in `tempDir` (the
 * server's disk) while their type is checked and images are made; `put` streams them up.
 */
export class S3FileStore implements FileStore {
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3StoreSettings,
    readonly tempDir: string,
  ) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // Checksums only where S3 requires them: many S3-compatible servers reject the SDK's
      // newer default (CRC32 trailers on every upload).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Makes the temp folder and checks the bucket answers, so a wrong setting stops the start. */
  async init(): Promise<void> {
    await mkdir(this.tempDir, { recursive: true });
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (error) {
      const status = (error as S3ServiceException).$metadata?.httpStatusCode;
      this.client.destroy();
      const why = status === 404 ? 'it does not exist' : status === 403 ? 'access denied' : String(error);
      throw new Error(`The file bucket "${this.settings.bucket}" (FILES_S3_BUCKET) cannot be used: ${why}.`, {
        cause: error,
      });
    }
  }

  async put(key: string, tempPath: string): Promise<void> {
    // Multipart past 5 MB, parts streamed from the file: memory stays a few parts whatever the size.
    await new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: checkedKey(key), Body: createReadStream(tempPath) },
    }).done();
  }

  async read(key: string): Promise<Readable> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: checkedKey(key) }),
      );
      return object.Body as Readable;
    } catch (error) {
      // The same answer as a missing file on disk, which the download route turns into a 404.
      if (error instanceof NoSuchKey) throw Object.assign(new Error(`No object ${key}`), { code: 'ENOENT' });
      throw error;
    }
  }

  async removeFile(workspaceId: string, fileId: string): Promise<void> {
    const prefix = `${checkedKey(`${workspaceId}/${fileId}`)}/`;
    const listed = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: prefix }),
    );
    const objects = (listed.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (objects.length === 0) return;
    const answer = await this.client.send(
      new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: objects, Quiet: true } }),
    );
    if (answer.Errors?.length)
      throw new Error(`Could not delete ${answer.Errors.map((e) => `${e.Key}: ${e.Code}`).join(', ')}`);
  }

  close(): void {
    this.client.destroy();
  }
}
