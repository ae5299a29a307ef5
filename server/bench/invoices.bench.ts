// Invoice numbering (issue 19): 1,000 draft invoices issued at once by 8 clients through
// GraphQL (issueInvoice: lock the draft, take the next number from the workspace's counter row,
// fix the total, in one transaction), then a check that the numbers run 1…1,000 with no gap
// and no duplicate; beside it, the same counter statement alone over direct SQL from 8
// connections (the ratio's base), in the same run.
//
//   pnpm --filter @crm/server run bench:invoices
//   BENCH_INVOICES=2000 …                invoices (default 1000)
//   BENCH_DATABASE_URL=postgres://…      a real PostgreSQL (superuser) instead of the embedded one
import '../src/platform/node-env.js';
import pg from 'pg';
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

const invoices = Number(process.env.BENCH_INVOICES ?? 1000);
const clients = 8;

/** Runs `op` for indexes 0…count-1 on `clients` workers, each taking the next index; latencies and wall time. */
async function concurrently(count: number, op: (i: number, worker: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      for (let i = next++; i < count; i = next++) {
        const start = performance.now();
        await op(i, worker);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return { elapsedMs: performance.now() - started, latency: summarize(latencies) };
}

/** Throws unless `sequences` are exactly 1…count. */
function checkGapless(what: string, sequences: number[], count: number): string {
  const sorted = [...sequences].sort((a, b) => a - b);
  const duplicates = sorted.filter((n, i) => i > 0 && n === sorted[i - 1]).length;
  const gaps =
    sorted.every((n, i) => n === i + 1) && sorted.length === count ? 0 : count - new Set(sorted).size;
  if (duplicates || gaps || sorted.length !== count)
    throw new Error(`${what}: ${sorted.length} numbers, ${duplicates} duplicates, ${gaps} missing`);
  return `1…${count}, no gap, no duplicate`;
}

async function draftInvoices(api: Api, dealId: string): Promise<string[]> {
  const ids: string[] = new Array(invoices);
  await concurrently(invoices, async (i) => {
    const { data } = await graphql<{ createInvoice: { id: string } }>(
      api,
      `
        mutation ($input: CreateInvoiceInput!) {
          createInvoice(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          dealId,
          currency: 'EUR',
          lines: [
            { description: 'Service', quantity: '3', unitPrice: '19.99', taxRate: '20' },
            { description: 'Parts', quantity: '1', unitPrice: '12.345', discountPercent: '10', taxRate: '7' },
          ],
        },
      },
    );
    ids[i] = data.createInvoice.id;
  });
  return ids;
}

async function main(): Promise<void> {
  await withBenchServer('bench_invoices', async (server, database) => {
    const api = await signUp(server.url);
    const { data } = await graphql<{ createDeal: { id: string } }>(
      api,
      `
        mutation {
          createDeal(input: { name: "Numbering" }) {
            id
          }
        }
      `,
    );
    const drafts = await draftInvoices(api, data.createDeal.id);
    const numbers: string[] = [];
    const viaApi = await concurrently(invoices, async (i) => {
      const { data: issued } = await graphql<{ issueInvoice: { number: string } }>(
        api,
        `
          mutation ($id: ID!) {
            issueInvoice(id: $id) {
              number
            }
          }
        `,
        { id: drafts[i] },
      );
      numbers.push(issued.issueInvoice.number);
    });
    const pool = new pg.Pool({ connectionString: database.url, max: clients });
    try {
      const { rows } = await pool.query<{ sequence: number; number: string }>(
        'select sequence, number from invoice where workspace_id = $1 and number is not null',
        [api.workspaceId],
      );
      const apiCheck = checkGapless(
        'issueInvoice',
        rows.map((r) => r.sequence),
        invoices,
      );
      if (new Set(numbers).size !== invoices) throw new Error('the answers repeat a number');
      // The baseline: the same counter statement, each in its own transaction, on a year of its own.
      const year = 9999;
      const sequences: number[] = [];
      const direct = await concurrently(invoices, async () => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const {
            rows: [row],
          } = await client.query<{ last: number }>(
            `insert into invoice_counter (workspace_id, year, last) values ($1, $2, 1)
             on conflict (workspace_id, year) do update set last = invoice_counter.last + 1 returning last`,
            [api.workspaceId, year],
          );
          await client.query('commit');
          sequences.push(row!.last);
        } finally {
          client.release();
        }
      });
      const directCheck = checkGapless('direct SQL', sequences, invoices);
      const rate = (r: { elapsedMs: number }) => ((invoices / r.elapsedMs) * 1000).toFixed(0);
      console.log(
        `\nInvoice numbering, ${invoices} invoices by ${clients} concurrent clients; PostgreSQL ${database.version}; load average ${loadAverage()}\n`,
      );
      console.log(
        markdownTable(
          ['measure', 'invoices/s', 'p50 (ms)', 'p99 (ms)', 'numbers'],
          [
            [
              'issueInvoice over GraphQL (lock, number, total, commit)',
              rate(viaApi),
              formatMs(viaApi.latency.p50),
              formatMs(viaApi.latency.p99),
              apiCheck,
            ],
            [
              'counter statement alone, direct SQL (begin, upsert, commit)',
              rate(direct),
              formatMs(direct.latency.p50),
              formatMs(direct.latency.p99),
              directCheck,
            ],
          ],
        ),
      );
      console.log(
        `\nratio (direct SQL throughput / API throughput): ${(viaApi.elapsedMs / direct.elapsedMs).toFixed(1)}×`,
      );
    } finally {
      await pool.end();
    }
  });
}

await main();
