// A pipeline board at scale (issue 5): 10,000 deals in an 8-stage pipeline, loaded as a
// board — the first 50 cards of every column with its count, sum and weighted sum — through
// the `board` query of a real server in this process, as the client loads it.
//
//   pnpm --filter @crm/server run bench:board          the full run (~1 minute)
//   BENCH_DEALS=2000 pnpm … bench:board               a quick run
//   BENCH_DATABASE_URL=postgres://… pnpm … bench:board a real PostgreSQL instead of the embedded one
//
// BENCH_ITERATIONS (default 300) sets the measured loads per case.
// Measured as the server runs in production (see src/platform/node-env.ts).
import '../src/platform/node-env.js';
import { performance } from 'node:perf_hooks';
import {
  type Api,
  formatDuration,
  formatMs,
  graphql,
  markdownTable,
  measurePair,
  pick,
  randomInt,
  signUp,
  type Summary,
  withBenchServer,
} from './lib.js';

const dealCount = Number(process.env.BENCH_DEALS ?? 10_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const batch = 500;

const stages = [
  { key: 'enquiry', label: 'Enquiry', probability: 5 },
  { key: 'viewing', label: 'Viewing', probability: 15 },
  { key: 'underOffer', label: 'Under Offer', probability: 30 },
  { key: 'underContract', label: 'Under Contract', probability: 50 },
  { key: 'survey', label: 'Survey', probability: 65 },
  { key: 'seaTrial', label: 'Sea Trial', probability: 80 },
  { key: 'sold', label: 'Sold', kind: 'WON' },
  { key: 'notSold', label: 'Not sold', kind: 'LOST' },
];

const boardQuery = `query ($search: String) {
  board(object: "deal", pipeline: "bench", first: 50, search: $search) {
    columns { stage { key } count sum weightedSum hasMore records }
  }
}`;

async function seedDeals(api: Api): Promise<void> {
  await graphql(
    api,
    `
      mutation ($input: CreatePipelineInput!) {
        createPipeline(input: $input) {
          key
        }
      }
    `,
    { input: { object: 'deal', pipeline: { key: 'bench', label: 'Bench pipeline', stages } } },
  );
  for (let from = 0; from < dealCount; from += batch) {
    const inputs = Array.from({ length: Math.min(batch, dealCount - from) }, (_, i) => ({
      name: `Deal ${from + i + 1}`,
      stage: pick(stages).key,
      amount: { amount: randomInt(5_000, 900_000), currency: 'USD' },
    }));
    await graphql(
      api,
      `
        mutation ($inputs: [DealCreateInput!]!) {
          createDeals(inputs: $inputs) {
            id
          }
        }
      `,
      {
        inputs,
      },
    );
  }
}

interface BoardShape {
  board: { columns: { count: number; records: unknown[] }[] };
}

async function run(url: string, version: string): Promise<void> {
  const api = await signUp(url);
  const seedStart = performance.now();
  await seedDeals(api);
  const seedMs = performance.now() - seedStart;

  const { data } = await graphql<BoardShape>(api, boardQuery);
  const total = data.board.columns.reduce((n, c) => n + c.count, 0);
  const cards = data.board.columns.reduce((n, c) => n + c.records.length, 0);
  if (total !== dealCount) throw new Error(`the board counts ${total} deals, not ${dealCount}`);

  const options = { warmup: 20, iterations, budgetMs: 120_000, minIterations: 30 };
  const [full, searched] = await measurePair(
    () => graphql(api, boardQuery),
    () => graphql(api, boardQuery, { search: pick(['1', '22', '333', 'Deal 9']) }),
    options,
  );
  const row = (name: string, s: Summary) => [
    name,
    String(s.samples),
    formatMs(s.p50),
    formatMs(s.p95),
    formatMs(s.p99),
  ];
  console.log(
    `\nBoard: ${dealCount.toLocaleString('en')} deals in ${stages.length} stages, first 50 cards per column`,
  );
  console.log(
    `PostgreSQL ${version}; Node ${process.version}; seeded through createDeals in ${formatDuration(seedMs)}`,
  );
  console.log(`one load = ${stages.length} columns, ${cards} cards, counts, sums and weighted sums\n`);
  console.log(
    markdownTable(
      ['board load over HTTP', 'runs', 'p50 ms', 'p95 ms', 'p99 ms'],
      [row('whole board', full!), row('whole board, with a search', searched!)],
    ),
  );
}

await withBenchServer('crm_bench_board', (server, database) => run(server.url, database.version));
