// Photo upload (issue 19): a 10 MB phone photo through POST /files — streamed to a temp
// file, its type read from its bytes, turned upright, stripped, its web version and
// thumbnail made with sharp, the row inserted and the files moved into place — beside the
// same sharp work alone on the same file (the ratio's base), in the same run. Then the same
// with the files in an S3 bucket (s3rver, an S3-compatible server in this process, over HTTP).
//
//   pnpm --filter @crm/server run bench:files
//   BENCH_FILES_ROUNDS=9 …               rounds (default 7)
//   BENCH_DATABASE_URL=postgres://…      a real PostgreSQL (superuser) instead of the embedded one
import '../src/platform/node-env.js';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { processImage } from '../src/files/index.js';
import {
  type Api,
  formatMs,
  graphql,
  loadAverage,
  markdownTable,
  signUp,
  summarize,
  withBenchServer,
} from './lib.js';

const rounds = Number(process.env.BENCH_FILES_ROUNDS ?? 7);
const targetMs = 1500;

/** About 10 MB of JPEG: 12 megapixels of fine detail, orientation 6 and a GPS position. */
async function phonePhoto(): Promise<Buffer> {
  const [width, height] = [4000, 3000];
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919 + (i >> 9) * 31 + ((i * 2654435761) >>> 27)) & 255;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' } })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 93 })
    .toBuffer();
}

async function upload(api: Api, photo: Buffer): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(photo)]), 'house.jpg');
  const started = performance.now();
  const response = await fetch(`${api.url}/files?object=deal&field=photos`, {
    method: 'POST',
    headers: { cookie: api.cookie, 'x-workspace-id': api.workspaceId },
    body: form,
  });
  await response.json();
  if (response.status !== 201) throw new Error(`upload answered ${response.status}`);
  return performance.now() - started;
}

async function rawSharp(source: string, dir: string, i: number): Promise<number> {
  const started = performance.now();
  await processImage(source, path.join(dir, `raw-${i}`), 'image/jpeg');
  return performance.now() - started;
}

/** Uploads and the sharp work alone, interleaved round by round so both see the same load. */
async function measure(url: string, photo: Buffer, source: string, dir: string) {
  const api = await signUp(url);
  await graphql(
    api,
    `
      mutation {
        createField(input: { object: "deal", key: "photos", label: "Photos", type: IMAGE }) {
          id
        }
      }
    `,
  );
  await upload(api, photo);
  await rawSharp(source, dir, -1);
  const uploads: number[] = [];
  const raws: number[] = [];
  for (let i = 0; i < rounds; i++) {
    uploads.push(await upload(api, photo));
    raws.push(await rawSharp(source, dir, i));
  }
  return { up: summarize(uploads), base: summarize(raws) };
}

/** s3rver on a free port with an empty bucket; FILES_S3_* for the server. */
async function localBucket(dir: string): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const directory = path.join(dir, 's3');
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  const { port } = await s3.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  await client.send(new CreateBucketCommand({ Bucket: 'bench-files' }));
  client.destroy();
  return {
    env: {
      FILES_S3_BUCKET: 'bench-files',
      FILES_S3_ENDPOINT: endpoint,
      FILES_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      FILES_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      FILES_S3_FORCE_PATH_STYLE: 'true',
    },
    close: () => s3.close(),
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-files-'));
  await chmod(dir, 0o755);
  const photo = await phonePhoto();
  const source = path.join(dir, 'photo.jpg');
  await writeFile(source, photo);
  const bucket = await localBucket(dir);
  try {
    const env = { DATA_DIR: dir, FILES_MAX_MB: '50' };
    let disk: Awaited<ReturnType<typeof measure>> | undefined;
    let s3: typeof disk;
    await withBenchServer(
      'bench_files',
      async (server) => {
        disk = await measure(server.url, photo, source, dir);
      },
      env,
    );
    await withBenchServer(
      'bench_files_s3',
      async (server) => {
        s3 = await measure(server.url, photo, source, dir);
      },
      { ...env, ...bucket.env },
    );
    console.log(
      `\nPhoto upload, ${(photo.length / 1e6).toFixed(1)} MB JPEG (4000×3000), ${rounds} rounds each; load average ${loadAverage()}\n`,
    );
    const row = (label: string, run: typeof disk, target: string) => [
      label,
      formatMs(run!.up.p50),
      formatMs(run!.up.p95),
      `${(run!.up.p50 / run!.base.p50).toFixed(2)}×`,
      target,
    ];
    console.log(
      markdownTable(
        ['measure', 'p50 (ms)', 'p95 (ms)', 'ratio to sharp (p50, same run)', 'target (ms)'],
        [
          row(
            'POST /files, disk (upload, checks, web version + thumbnail, row, move)',
            disk,
            `≤ ${targetMs}`,
          ),
          row('POST /files, S3 bucket (the same, versions streamed to s3rver)', s3, `≤ ${targetMs}`),
          [
            'sharp alone (web version + thumbnail, same file; disk run / S3 run)',
            `${formatMs(disk!.base.p50)} / ${formatMs(s3!.base.p50)}`,
            `${formatMs(disk!.base.p95)} / ${formatMs(s3!.base.p95)}`,
            '1.00×',
            '',
          ],
        ],
      ),
    );
  } finally {
    await bucket.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
