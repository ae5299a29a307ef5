// Record-scoped reads (issue 20): an agent whose permission profile reads only their own
// listings (1 % of them) against the admin, who reads all, on the same page of the generated
// API; and the per-request cost of evaluating the agent's permissions in the server.
//
//   pnpm --filter @crm/server bench:permissions            1,000,000 listings (seeding takes minutes)
//   BENCH_RECORDS=100000 pnpm … bench:permissions           a quick run
//
// Other knobs as in records.bench.ts (BENCH_ITERATIONS, BENCH_WARMUP, BENCH_CASE_SECONDS,
// BENCH_DATABASE_URL). Measured as the server runs in production (see src/platform/node-env.ts).
import '../src/platform/node-env.js';
import os from 'node:os';
import pg from 'pg';
import { loadAccessSnapshot, recordScopeOf } from '../src/access/index.js';
import { Role } from '../src/identity/index.js';
import type { ObjectDef, WorkspaceMetadata } from '../src/metadata/index.js';
import {
  formatMs,
  graphql,
  loadAverage,
  markdownTable,
  measureOptionsFromEnv,
  measurePair,
  signUp,
  withBenchServer,
} from './lib.js';
import {
  createListingObject,
  listingFields,
  pageRangeFraction,
  priceRange,
  readLayout,
  seed,
  tableSize,
  waitForFieldIndexes,
} from './listing.js';
import { scopedAgent } from './agent.js';

const recordCount = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const visibleShare = 0.01;
const measureOptions = measureOptionsFromEnv();

const page = `{ listings(first: 50) { nodes { id name price { amount currency } bedrooms listedAt } } }`;
const pageWithCount = `{ listings(first: 50) { totalCount nodes { id name price { amount currency } } } }`;
// records.bench.ts's page: a 2 % price range sorted on listedAt (nullable: read in two halves).
const filteredWithCount = `query ($min: Float!, $max: Float!) {
  listings(filter: {price: {gte: $min, lte: $max}}, sort: [{field: listedAt, direction: DESC}], first: 50) {
    totalCount nodes { id name price { amount currency } listedAt }
  }
}`;

/** `?` placeholders as pg's `$n`, so the access module's loader runs on the bench's pool. */
function poolExecutor(pool: pg.Pool) {
  return {
    execute: async (sql: string, params: unknown[] = []) => {
      let n = 0;
      return (
        await pool.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows;
    },
  } as unknown as Parameters<typeof loadAccessSnapshot>[0];
}

async function run(pool: pg.Pool, serverUrl: string, version: string): Promise<void> {
  const admin = await signUp(serverUrl);
  await createListingObject(admin);
  const listing = await readLayout(pool, admin.workspaceId, 'listing');
  const person = await readLayout(pool, admin.workspaceId, 'person');
  const indexed = ['name', ...listingFields.filter((f) => f.type !== 'LONG_TEXT').map((f) => f.key)];
  await waitForFieldIndexes(pool, listing, indexed);
  console.log('# Record-scoped reads benchmark (server and clients in one process)\n');
  console.log(`Node ${process.version}, PostgreSQL ${version}`);
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${os.platform()} ${os.release()}`);
  console.error(`Seeding ${recordCount.toLocaleString('en')} listings…`);
  await seed(pool, admin, listing, person, { records: recordCount, people: Math.min(10_000, recordCount) });
  const agent = await scopedAgent(pool, admin, listing, visibleShare);
  const { rows } = await pool.query<{ n: string }>(
    `select count(*) as n from ${listing.table} where owner_id = $1`,
    [agent.userId],
  );
  console.log(
    `\nN = ${recordCount.toLocaleString('en')} listings (${await tableSize(pool, listing)}); the agent owns ${Number(rows[0]!.n).toLocaleString('en')} (${visibleShare * 100} %)\n`,
  );

  console.log(`Load average before measuring (1, 5, 15 min): ${loadAverage()}\n`);
  const results: string[][] = [];
  let pageRatio = Infinity;
  const none = () => ({});
  const range = () => priceRange(pageRangeFraction);
  for (const [name, query, variables] of [
    ['page of 50, default order', page, none],
    ['page of 50 with totalCount', pageWithCount, none],
    [
      `price range ${pageRangeFraction * 100} %, sort listedAt desc, with totalCount`,
      filteredWithCount,
      range,
    ],
  ] as const) {
    console.error(`Measuring: ${name}`);
    const [asAgent, asAdmin] = await measurePair(
      () => graphql(agent, query, variables()),
      () => graphql(admin, query, variables()),
      measureOptions,
    );
    const ratio = asAgent.p50 / asAdmin.p50;
    if (name.startsWith('page of 50,')) pageRatio = ratio;
    results.push([
      name,
      formatMs(asAdmin.p50),
      formatMs(asAdmin.p99),
      formatMs(asAgent.p50),
      formatMs(asAgent.p99),
      `${ratio.toFixed(2)}×`,
      String(asAgent.samples),
    ]);
  }
  console.log(
    `Latency in ms, GraphQL over HTTP from a client in this process; load average after: ${loadAverage()}.\n`,
  );
  console.log(
    markdownTable(
      ['case', 'admin p50', 'admin p99', 'agent p50', 'agent p99', 'agent/admin p50', 'runs'],
      results,
    ),
  );

  // The per-request permission evaluation: the caller's profile, team reach and SQL predicate.
  const metadata = { workspaceId: admin.workspaceId } as WorkspaceMetadata;
  const snapshot = await loadAccessSnapshot(poolExecutor(pool), metadata);
  const object = { id: listing.objectId, fields: [] } as unknown as ObjectDef;
  const rounds = 100_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i += 1)
    recordScopeOf(snapshot, agent.userId, Role.MEMBER)?.rows(object, 'read', 't');
  const perRequestUs = Number(process.hrtime.bigint() - start) / 1_000 / rounds;
  const admins = process.hrtime.bigint();
  for (let i = 0; i < rounds; i += 1) recordScopeOf(snapshot, admin.userId, Role.OWNER);
  const perAdminUs = Number(process.hrtime.bigint() - admins) / 1_000 / rounds;
  console.log(
    `\nPermission evaluation per request (in memory, from the cached snapshot): agent ${perRequestUs.toFixed(2)} µs, owner ${perAdminUs.toFixed(3)} µs.`,
  );
  console.log(
    `Target (issue 20): the agent's page within 1.3× of the admin's at p50: ${pageRatio <= 1.3 ? 'PASS' : 'MISS'} (${pageRatio.toFixed(2)}×).`,
  );
}

await withBenchServer('crm_bench_permissions', async (server, database) => {
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    await run(pool, server.url, database.version);
  } finally {
    await pool.end();
  }
});
