import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';

// A real S3-compatible server in this process (s3rver: the S3 REST API over a folder), for
// the file store's tests: the server under test talks to it over HTTP like to a bucket.

export interface TestBucket {
  /** FILES_S3_* for the server under test. */
  readonly env: Record<string, string>;
  /** A client of the same bucket, to look at what the server stored. */
  readonly client: S3Client;
  readonly name: string;
  /** Keys under a prefix, sorted. */
  keys(prefix?: string): Promise<string[]>;
}

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** s3rver on port 0 with one empty bucket, started before the file's tests (register before useServer). */
export function useBucket(name = 'crm-files'): TestBucket {
  let s3: S3rver | undefined;
  let env: Record<string, string> | undefined;
  let client: S3Client | undefined;
  beforeAll(async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'crm-s3-'));
    chmodSync(directory, 0o755);
    s3 = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
    const { port } = await s3.run();
    const endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await client.send(new CreateBucketCommand({ Bucket: name }));
    env = {
      FILES_S3_BUCKET: name,
      FILES_S3_ENDPOINT: endpoint,
      FILES_S3_REGION: 'us-east-1',
      FILES_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      FILES_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      FILES_S3_FORCE_PATH_STYLE: 'true',
    };
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useBucket: the bucket starts in beforeAll.');
    return value;
  };
  return {
    name,
    get env() {
      return started(env);
    },
    get client() {
      return started(client);
    },
    async keys(prefix = '') {
      const listed = await started(client).send(new ListObjectsV2Command({ Bucket: name, Prefix: prefix }));
      return (listed.Contents ?? []).map((o) => o.Key!).sort();
    },
  };
}
