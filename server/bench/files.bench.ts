// Photo upload (issue 19): a 10 MB phone photo through POST /files — streamed to a temp
// file, its type read from its bytes, turned upright, stripped, its web version and
// thumbnail made with sharp, the row inserted and the files moved into place — beside the
// same sharp work alone on the same file (the ratio's base), in the same run.
//
//   pnpm --filter @crm/server run bench:files
//   BENCH_FILES_ROUNDS=9 …               rounds (default 7)
//   BENCH_DATABASE_URL=postgres://…      a real PostgreSQL (superuser) instead of the embedded one
import '../src/platform/node-env.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-files-'));
  const photo = await phonePhoto();
  const source = path.join(dir, 'photo.jpg');
  await writeFile(source, photo);
  try {
    await withBenchServer(
      'bench_files',
      async (server) => {
        const api = await signUp(server.url);
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
        // Interleaved, so both see the same load.
        for (let i = 0; i < rounds; i++) {
          uploads.push(await upload(api, photo));
          raws.push(await rawSharp(source, dir, i));
        }
        const up = summarize(uploads);
        const base = summarize(raws);
        console.log(
          `\nPhoto upload, ${(photo.length / 1e6).toFixed(1)} MB JPEG (4000×3000), ${rounds} rounds; load average ${loadAverage()}\n`,
        );
        console.log(
          markdownTable(
            ['measure', 'p50 (ms)', 'p95 (ms)', 'ratio to sharp (p50)', 'target (ms)'],
            [
              [
                'POST /files (upload, checks, web version + thumbnail, row, move)',
                formatMs(up.p50),
                formatMs(up.p95),
                `${(up.p50 / base.p50).toFixed(2)}×`,
                `≤ ${targetMs}`,
              ],
              [
                'sharp alone (web version + thumbnail, same file)',
                formatMs(base.p50),
                formatMs(base.p95),
                '1.00×',
                '',
              ],
            ],
          ),
        );
      },
      { DATA_DIR: dir, FILES_MAX_MB: '50' },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
