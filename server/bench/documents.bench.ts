// Document generation (issue 19): a 5-page PDF with 50 line items and 4 images through
// `generateDocument` — template and record read, merge values, images read from the store,
// pdfmake, the file stored and put in the record's field in one transaction — beside pdfmake
// alone rendering the same document definition (the ratio's base), in the same run.
//
//   pnpm --filter @crm/server run bench:documents
//   BENCH_DOCUMENTS_ROUNDS=30 …          rounds (default 20)
//   BENCH_DATABASE_URL=postgres://…      a real PostgreSQL (superuser) instead of the embedded one
import '../src/platform/node-env.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { documentDefinition, renderPdf, type ResolvedBlock } from '../src/documents/index.js';
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

const rounds = Number(process.env.BENCH_DOCUMENTS_ROUNDS ?? 20);
const targetMs = 2000;
const lineCount = 50;
const terms = 'The buyer has inspected the vehicle and accepts its condition. '.repeat(12);

/**
 * A photo as the upload path stores it: a 2048 px JPEG web version with a photo's amount of
 * detail (blurred noise over a gradient: about 1 MB, like a phone picture at that size).
 */
async function photo(i: number): Promise<Buffer> {
  const [width, height] = [2048, 1536];
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 110 + i * 10, sigma: 60 },
    },
  })
    .blur(1.2)
    .png()
    .toBuffer();
  return sharp(noise).jpeg({ quality: 85 }).toBuffer();
}

/** The print versions generateDocument embeds (cover 1400 px, gallery 900 px), made once for the base. */
async function printVersion(data: Buffer, side: number): Promise<string> {
  const jpeg = await sharp(data).resize(side, side, { fit: 'inside' }).jpeg({ quality: 80 }).toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

async function upload(api: Api, data: Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const response = await fetch(`${api.url}/files?object=offer&field=photos`, {
    method: 'POST',
    headers: { cookie: api.cookie, 'x-workspace-id': api.workspaceId },
    body: form,
  });
  const body = (await response.json()) as { file: { id: string } };
  if (response.status !== 201) throw new Error(`upload answered ${response.status}`);
  return body.file.id;
}

const blocks = [
  { type: 'heading', text: 'Offer {{ record.name }}' },
  { type: 'paragraph', text: 'Prepared by {{ workspace.name }} on {{ today }} for {{ record.price }}.' },
  { type: 'fields', title: 'Summary', fields: ['record.name', 'record.price', 'record.validUntil'] },
  { type: 'image', field: 'photos' },
  { type: 'pageBreak' },
  { type: 'heading', text: 'Gallery', level: 2 },
  { type: 'image', field: 'photos', count: 4 },
  { type: 'pageBreak' },
  { type: 'lines', title: 'Items', source: 'lines', columns: ['name', 'quantity', 'unitPrice', 'total'] },
  { type: 'pageBreak' },
  { type: 'heading', text: 'Terms', level: 2 },
  ...Array.from({ length: 6 }, () => ({ type: 'paragraph', text: terms })),
];

const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

async function setUp(api: Api): Promise<{ templateId: string; offerId: string; photos: Buffer[] }> {
  const fields = [
    '{ object: "offer", key: "price", label: "Price", type: CURRENCY }',
    '{ object: "offer", key: "validUntil", label: "Valid until", type: DATE }',
    '{ object: "offer", key: "photos", label: "Photos", type: IMAGE }',
    '{ object: "offer", key: "documents", label: "Documents", type: FILE, settings: { max: 100 } }',
    '{ object: "offerLine", key: "quantity", label: "Qty", type: NUMBER }',
    '{ object: "offerLine", key: "unitPrice", label: "Unit price", type: CURRENCY }',
    '{ object: "offerLine", key: "total", label: "Total", type: CURRENCY }',
    '{ object: "offerLine", key: "offer", label: "Offer", type: RELATION, relation: { target: "offer", kind: MANY_TO_ONE, inverseKey: "lines", inverseLabel: "Lines" } }',
  ];
  for (const [key, label, plural] of [
    ['offer', 'Offer', 'offers'],
    ['offerLine', 'Offer line', 'offerLines'],
  ])
    await graphql(
      api,
      `mutation { createObject(input: { key: "${key}", labelSingular: "${label}", labelPlural: "${label}s", pluralKey: "${plural}" }) { id } }`,
    );
  for (const input of fields) await graphql(api, `mutation { createField(input: ${input}) { id } }`);
  const photos = await Promise.all([0, 1, 2, 3].map(photo));
  const ids: string[] = [];
  for (const [i, data] of photos.entries()) ids.push(await upload(api, data, `car-${i}.jpg`));
  const { data: offer } = await graphql<{ createOffer: { id: string } }>(
    api,
    `
      mutation ($input: OfferCreateInput!) {
        createOffer(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        name: 'Roadster 2.0',
        price: { amount: 38900, currency: 'EUR' },
        validUntil: '2026-12-31',
        photos: ids,
      },
    },
  );
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    name: `Item ${i + 1}: floor mats, service pack or accessory`,
    quantity: (i % 3) + 1,
    unitPrice: { amount: 100 + i, currency: 'EUR' },
    total: { amount: (100 + i) * ((i % 3) + 1), currency: 'EUR' },
    offer: offer.createOffer.id,
  }));
  await graphql(
    api,
    `
      mutation ($inputs: [OfferLineCreateInput!]!) {
        createOfferLines(inputs: $inputs) {
          id
        }
      }
    `,
    {
      inputs: lines,
    },
  );
  const { data: saved } = await graphql<{ saveDocumentTemplate: { id: string } }>(
    api,
    `
      mutation ($input: DocumentTemplateInput!) {
        saveDocumentTemplate(input: $input) {
          id
        }
      }
    `,
    { input: { object: 'offer', name: 'Vehicle offer', blocks } },
  );
  return { templateId: saved.saveDocumentTemplate.id, offerId: offer.createOffer.id, photos };
}

/** The same document as pdfmake input, built here: what pdfmake alone costs. */
async function sameDefinition(photos: Buffer[]): Promise<ReturnType<typeof documentDefinition>> {
  const cover = await printVersion(photos[0]!, 1400);
  const data = await Promise.all(photos.map((p) => printVersion(p, 900)));
  const money = (n: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(n);
  const resolved: ResolvedBlock[] = [
    { type: 'heading', text: 'Offer Roadster 2.0', level: 1 },
    { type: 'paragraph', text: `Prepared by Bench on 4 December 2026 for ${money(38900)}.` },
    {
      type: 'fields',
      title: 'Summary',
      rows: [
        ['Name', 'Roadster 2.0'],
        ['Price', money(38900)],
        ['Valid until', '31 December 2026'],
      ],
    },
    { type: 'image', images: [cover] },
    { type: 'pageBreak' },
    { type: 'heading', text: 'Gallery', level: 2 },
    { type: 'image', images: data },
    { type: 'pageBreak' },
    {
      type: 'lines',
      title: 'Items',
      table: {
        columns: [
          { key: 'name', label: 'Name', numeric: false },
          { key: 'quantity', label: 'Qty', numeric: true },
          { key: 'unitPrice', label: 'Unit price', numeric: true },
          { key: 'total', label: 'Total', numeric: true },
        ],
        rows: Array.from({ length: lineCount }, (_, i) => [
          `Item ${i + 1}: floor mats, service pack or accessory`,
          String((i % 3) + 1),
          money(100 + i),
          money((100 + i) * ((i % 3) + 1)),
        ]),
        totals: [],
      },
    },
    { type: 'pageBreak' },
    { type: 'heading', text: 'Terms', level: 2 },
    ...Array.from({ length: 6 }, (): ResolvedBlock => ({ type: 'paragraph', text: terms })),
  ];
  return documentDefinition('Vehicle offer', resolved);
}

async function generate(
  api: Api,
  templateId: string,
  recordId: string,
): Promise<{ ms: number; url: string }> {
  const started = performance.now();
  const { data } = await graphql<{ generateDocument: { file: { url: string } } }>(
    api,
    `
      mutation ($t: ID!, $r: ID!) {
        generateDocument(templateId: $t, recordId: $r) {
          file {
            url
          }
        }
      }
    `,
    { t: templateId, r: recordId },
  );
  return { ms: performance.now() - started, url: data.generateDocument.file.url };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-documents-'));
  try {
    await withBenchServer(
      'bench_documents',
      async (server) => {
        const api = await signUp(server.url);
        const { templateId, offerId, photos } = await setUp(api);
        const definition = await sameDefinition(photos);
        const first = await generate(api, templateId, offerId);
        const pdf = Buffer.from(
          await (await fetch(`${api.url}${first.url}`, { headers: { cookie: api.cookie } })).arrayBuffer(),
        );
        const alone = async () => {
          const started = performance.now();
          const bytes = await renderPdf(definition);
          return { ms: performance.now() - started, bytes };
        };
        const base = await alone();
        const generated: number[] = [];
        const raws: number[] = [];
        // Interleaved, so both see the same load.
        for (let i = 0; i < rounds; i++) {
          generated.push((await generate(api, templateId, offerId)).ms);
          raws.push((await alone()).ms);
        }
        const gen = summarize(generated);
        const raw = summarize(raws);
        console.log(
          `\nDocument generation: ${pages(pdf)} pages, ${lineCount} line items, 4 photos (2048×1536 JPEG, ${(photos.reduce((n, p) => n + p.length, 0) / 4e6).toFixed(1)} MB each), ${(pdf.length / 1e6).toFixed(1)} MB PDF (pdfmake alone: ${pages(base.bytes)} pages); ${rounds} rounds; load average ${loadAverage()}\n`,
        );
        console.log(
          markdownTable(
            ['measure', 'p50 (ms)', 'p99 (ms)', 'ratio to pdfmake (p50)', 'target (ms)'],
            [
              [
                'generateDocument (read, merge, images, pdfmake, store, field write)',
                formatMs(gen.p50),
                formatMs(gen.p99),
                `${(gen.p50 / raw.p50).toFixed(2)}×`,
                `≤ ${targetMs}`,
              ],
              ['pdfmake alone (same document definition)', formatMs(raw.p50), formatMs(raw.p99), '1.00×', ''],
            ],
          ),
        );
        if (gen.p99 > targetMs) process.exitCode = 1;
      },
      { DATA_DIR: dir },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
