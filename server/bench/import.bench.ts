// CSV import (issue 17): 100,000 people in one CSV through the real doors — the multipart
// upload, `startImport`, the background job writing 1,000-row batches through the record
// store (validation, change log, hooks) — beside the same rows INSERTed straight through `pg`
// (1,000 rows a statement, one transaction each), in the same run and database.
//
//   pnpm --filter @crm/server run bench:import
//   BENCH_IMPORT_ROWS=20000 …           rows (default 100,000)
//   BENCH_DATABASE_URL=postgres://…     a real PostgreSQL (superuser) instead of the embedded one
import '../src/platform/node-env.js';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  type Api,
  formatDuration,
  formatMs,
  graphql,
  loadAverage,
  markdownTable,
  signUp,
  summarize,
  withBenchServer,
} from './lib.js';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const target = { seconds: 60 };

function csvOf(count: number): string {
  const lines = ['Name,E-mail,Job title,Phone'];
  for (let i = 0; i < count; i++)
    lines.push(
      `Person ${i},person${i}@example.com,Title ${i % 50},+44 20 7946 ${String(i % 10_000).padStart(4, '0')}`,
    );
  return lines.join('\n');
}

async function upload(api: Api, csv: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([csv]), 'people.csv');
  const response = await fetch(`${api.url}/imports/upload`, {
    method: 'POST',
    headers: { cookie: api.cookie, 'x-workspace-id': api.workspaceId },
    body: form,
  });
  const body = (await response.json()) as { upload: { id: string } };
  return body.upload.id;
}

interface RunState {
  status: string;
  processedRows: number;
  created: number;
  error: string | null;
}

/** Polls the run; the time between positions is a batch's time (its transaction and the job's reads). */
async function untilStatus(api: Api, id: string, status: string, batches: number[]): Promise<RunState> {
  let last = performance.now();
  let position = -1;
  for (;;) {
    const { data } = await graphql<{ importRun: RunState }>(
      api,
      `
        query ($id: ID!) {
          importRun(id: $id) {
            status
            processedRows
            created
            error
          }
        }
      `,
      { id },
    );
    const run = data.importRun;
    if (run.processedRows !== position) {
      if (position >= 0) batches.push(performance.now() - last);
      position = run.processedRows;
      last = performance.now();
    }
    if (run.status === status || run.status === 'FAILED') return run;
    // Every 200 ms: a tighter poll is itself a load on a 2-core machine (a run read each time).
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function personTable(pool: pg.Pool, workspaceId: string) {
  const { rows: fields } = await pool.query<{ object_id: string; key: string; column_name: string }>(
    `select o.id as object_id, f.key, f.column_name from object_def o join field_def f on f.object_id = o.id
     where o.workspace_id = $1 and o.key = 'person'`,
    [workspaceId],
  );
  const column = (key: string) => `"${fields.find((f) => f.key === key)!.column_name}"`;
  const schema = `ws_${workspaceId.replace(/-/g, '')}`;
  return { table: `"${schema}"."o_${fields[0]!.object_id.replace(/-/g, '')}"`, column };
}

/** The same rows as plain INSERTs of 1,000 rows each, one transaction each: the floor. */
async function directSql(pool: pg.Pool, api: Api, count: number): Promise<number> {
  const { table, column } = await personTable(pool, api.workspaceId);
  const started = performance.now();
  for (let start = 0; start < count; start += 1_000) {
    const ids: string[] = [],
      names: string[] = [],
      emails: string[] = [],
      titles: string[] = [],
      phones: string[] = [];
    for (let i = start; i < Math.min(count, start + 1_000); i++) {
      ids.push(randomUUID());
      names.push(`Person ${i}`);
      emails.push(`person${i}@example.com`);
      titles.push(`Title ${i % 50}`);
      phones.push(`+44 20 7946 ${String(i % 10_000).padStart(4, '0')}`);
    }
    await pool.query(
      `insert into ${table} (id, created_by, updated_by, owner_id, ${column('name')}, ${column('email')}, ${column('jobTitle')}, ${column('phone')})
       select id, $6, $6, $6, n, e, t, p from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) as u (id, n, e, t, p)`,
      [ids, names, emails, titles, phones, api.userId],
    );
  }
  return performance.now() - started;
}

async function main(): Promise<void> {
  await withBenchServer('bench_import', async (server, database) => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      const api = await signUp(server.url);
      const csv = csvOf(rows);
      let started = performance.now();
      const uploadId = await upload(api, csv);
      const uploadMs = performance.now() - started;
      const input = {
        uploadId,
        objectKey: 'person',
        columns: [
          { column: 'Name', fieldKey: 'name' },
          { column: 'E-mail', fieldKey: 'email' },
          { column: 'Job title', fieldKey: 'jobTitle' },
          { column: 'Phone', fieldKey: 'phone' },
        ],
        uniqueFieldKey: 'email',
      };
      started = performance.now();
      await graphql(
        api,
        `
          query ($input: ImportInput!) {
            importPreview(input: $input) {
              errorCount
            }
          }
        `,
        { input },
      );
      const previewMs = performance.now() - started;
      started = performance.now();
      const { data } = await graphql<{ startImport: { id: string } }>(
        api,
        `
          mutation ($input: ImportInput!) {
            startImport(input: $input) {
              id
            }
          }
        `,
        { input },
      );
      const batches: number[] = [];
      const done = await untilStatus(api, data.startImport.id, 'DONE', batches);
      const importMs = performance.now() - started;
      if (done.status !== 'DONE' || done.created !== rows)
        throw new Error(`import ended ${JSON.stringify(done)}`);
      started = performance.now();
      await graphql(
        api,
        `
          mutation ($id: ID!) {
            undoImport(id: $id) {
              id
            }
          }
        `,
        { id: data.startImport.id },
      );
      await untilStatus(api, data.startImport.id, 'UNDONE', []);
      const undoMs = performance.now() - started;
      const sqlMs = await directSql(pool, await signUp(server.url), rows);
      const batch = summarize(batches);
      console.log(
        `\nImport of ${rows.toLocaleString('en')} people (4 columns, upsert on e-mail), PostgreSQL ${database.version}\n`,
      );
      console.log(
        markdownTable(
          ['case', 'figure'],
          [
            ['upload (parse, store)', formatDuration(uploadMs)],
            ['preview (every row checked)', formatDuration(previewMs)],
            [
              'import: startImport → DONE',
              `${formatDuration(importMs)} (${Math.round((rows / importMs) * 1000)} rows/s)`,
            ],
            [
              '  a 1,000-row batch p50 / p95 / p99',
              `${formatMs(batch.p50)} / ${formatMs(batch.p95)} / ${formatMs(batch.p99)} ms`,
            ],
            [
              'direct SQL INSERT, 1,000 rows a statement',
              `${formatDuration(sqlMs)} (${Math.round((rows / sqlMs) * 1000)} rows/s)`,
            ],
            ['import ÷ direct SQL', `${(importMs / sqlMs).toFixed(1)}×`],
            ['undo (soft delete of every created record)', formatDuration(undoMs)],
          ],
        ),
      );
      const scaled = ((importMs / rows) * 100_000) / 1000;
      console.log(
        `\nTarget (issue 17): 100,000 rows in ≤ ${target.seconds} s — ${scaled <= target.seconds ? 'met' : 'NOT met'} (${scaled.toFixed(1)} s per 100,000).`,
      );
      console.log(`Load average at the end: ${loadAverage()}.`);
    } finally {
      await pool.end();
    }
  });
}

await main();
process.exit(0);
