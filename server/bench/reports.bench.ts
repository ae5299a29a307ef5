// Reports at scale (issue 18): the grouped report a sales manager opens first — count and sum
// by a stage-like choice × month — over the 1,000,000-record `listing` object of
// records.bench.ts, through `runReport` of a real server in this process beside the same
// aggregation in hand-written SQL; a dashboard's first paint (6 saved reports on a dashboard,
// warmed in the background as a server does, and cold); and what
// live dashboards cost the people working: a records page's p99 while 100 writes a second land,
// without and then with 20 dashboards subscribed (each reading its widget again on every refresh).
//
//   pnpm --filter @crm/server run bench:reports            the full run (seeding 1M rows takes minutes)
//   BENCH_RECORDS=100000 pnpm … bench:reports             a quicker run
//
// The listing object has no STAGE field; its `status` SELECT (4 values) stands in for the stage:
// grouping by a text column is the same work whatever the field type.
import '../src/platform/node-env.js';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import {
  type Api,
  formatDuration,
  formatMs,
  graphql,
  markdownTable,
  measureOptionsFromEnv,
  measurePair,
  signUp,
  summarize,
  type Summary,
  withBenchServer,
} from './lib.js';
import {
  column,
  createListingObject,
  pageQuery,
  priceRange,
  readLayout,
  seed,
  tableSize,
} from './listing.js';

const recordCount = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const measureOptions = measureOptionsFromEnv();
const writesPerSecond = 100;
const dashboardCount = 20;
let failures = 0;
let inFlight = 0;
let skipped = 0;
const phaseMs = Number(process.env.BENCH_LIVE_SECONDS ?? 30) * 1000;

const grouped = {
  object: 'listing',
  groupBy: [{ field: 'status' }, { field: 'listedAt', bucket: 'MONTH' }],
  measures: [{ kind: 'COUNT' }, { kind: 'SUM', field: 'price' }],
};
const run = `query ($d: ReportDefinitionInput!) { runReport(definition: $d) { rows { keys values currency } totals { values } } }`;
const widgetQuery = `query ($id: ID!, $d: ID) { reportResult(id: $id, dashboard: $d) { rows { keys labels values currency } totals { values } } }`;
const createReportMutation = `mutation ($input: CreateReportInput!) { createReport(input: $input) { id } }`;
const createDashboardMutation = `mutation ($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }`;
const coldLoads = Number(process.env.BENCH_COLD_LOADS ?? 3);

/** Six widgets a dashboard might hold, each a different grouping over the same object. */
const dashboardReports = [
  grouped,
  {
    object: 'listing',
    groupBy: [{ field: 'status' }],
    measures: [{ kind: 'COUNT' }, { kind: 'AVG', field: 'price' }],
  },
  { object: 'listing', groupBy: [{ field: 'city' }], measures: [{ kind: 'COUNT' }], limit: 20 },
  {
    object: 'listing',
    groupBy: [{ field: 'listedAt', bucket: 'YEAR' }],
    measures: [{ kind: 'SUM', field: 'price' }],
  },
  {
    object: 'listing',
    groupBy: [{ field: 'bedrooms' }],
    measures: [{ kind: 'COUNT' }, { kind: 'MAX', field: 'price' }],
  },
  { object: 'listing', measures: [{ kind: 'COUNT' }, { kind: 'SUM', field: 'price' }] },
];

function cookieWebSocket(cookie: string) {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
      this.on('error', () => undefined);
    }
  };
}

async function pageP99(api: Api, ms: number): Promise<Summary> {
  const samples: number[] = [];
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    const start = performance.now();
    await graphql(api, pageQuery(''), priceRange(0.02));
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Creates listings at `writesPerSecond` until stopped; the writes sent (skipped ones not counted). */
function writer(api: Api): { stop: () => Promise<number> } {
  let running = true;
  let written = 0;
  const skippedBefore = skipped;
  const loop = (async () => {
    const start = performance.now();
    while (running) {
      const due = start + (written * 1000) / writesPerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // At most 20 in flight: a machine that cannot take 100/s shows fewer writes, not a queue.
      if (inFlight >= 20) {
        written += 1;
        skipped += 1;
        continue;
      }
      inFlight += 1;
      void graphql(
        api,
        `
          mutation ($input: ListingCreateInput!) {
            createListing(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            name: `Live ${written}`,
            status: 'active',
            listedAt: '2026-01-15',
            price: { amount: 100000, currency: 'USD' },
          },
        },
      )
        .catch(() => (failures += 1))
        .finally(() => (inFlight -= 1));
      written += 1;
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return written - (skipped - skippedBefore);
    },
  };
}

async function main(): Promise<void> {
  await withBenchServer('reports', async (server, database) => {
    const api = await signUp(server.url);
    await createListingObject(api);
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      const listing = await readLayout(pool, api.workspaceId, 'listing');
      const person = await readLayout(pool, api.workspaceId, 'person');
      const seeded = await seed(pool, api, listing, person, {
        records: recordCount,
        people: Math.min(10_000, recordCount),
      });
      console.log(
        `seeded ${recordCount} listings in ${formatDuration(seeded.insertMs)} (${await tableSize(pool, listing)})`,
      );
      const c = (key: string) => `t.${column(listing, key)}`;
      const directSql = `select ${c('status')} as g0, date_trunc('month', ${c('listedAt')})::date as g1, ${c('price').replace(/"$/, '_currency"')} as cur,
          count(*), sum(${c('price')}) from ${listing.table} t where t.deleted_at is null group by 1, 2, 3 order by 1, 2`;
      const [reportApi, reportSql, reportServer] = await measurePair(
        async () => graphql(api, run, { d: grouped }),
        async () => pool.query(directSql),
        { ...measureOptions, iterations: Math.min(measureOptions.iterations, 100), warmup: 3 },
      );
      const load = () => loadavg()[0]!.toFixed(1);
      const reportLoad = load();

      // A dashboard as people meet it: six saved reports on one dashboard, opened by a fresh
      // client (the dashboard, then its six widgets at once) once the server has warmed their
      // rollups in the background (reports/warm.ts) — and, separately, cold (warm state dropped).
      const reportIds: string[] = [];
      for (const [i, definition] of dashboardReports.entries()) {
        const { data } = await graphql<{ createReport: { id: string } }>(api, createReportMutation, {
          input: { name: `Widget ${i + 1}`, shared: true, definition },
        });
        reportIds.push(data.createReport.id);
      }
      const reportId = reportIds[0]!;
      const warmStart = performance.now();
      const { data: sixBoard } = await graphql<{ createDashboard: { id: string } }>(
        api,
        createDashboardMutation,
        {
          input: {
            name: 'Six widgets',
            shared: true,
            widgets: reportIds.map((id, i) => ({
              reportId: id,
              chart: 'BAR',
              x: (i % 2) * 12,
              y: Math.floor(i / 2) * 6,
              w: 12,
              h: 6,
            })),
          },
        },
      );
      const sixId = sixBoard.createDashboard.id;
      // Warm when every widget's rollup table is there (they are made, and committed, by the build).
      const rollupTables = async () =>
        Number(
          (
            await pool.query<{ n: string }>(
              `select count(*) as n from pg_tables where schemaname = 'report_rollup' and tablename like 'r\\_%\\_a'`,
            )
          ).rows[0]!.n,
        );
      const warmDeadline = performance.now() + 15 * 60_000;
      while ((await rollupTables()) < dashboardReports.length && performance.now() < warmDeadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      const warmedIn = performance.now() - warmStart;
      const warmedCount = await rollupTables();
      const openDashboard = async () => {
        const start = performance.now();
        const { data } = await graphql<{ dashboard: { widgets: { reportId: string }[] } }>(
          api,
          `
            query ($id: ID!) {
              dashboard(id: $id) {
                widgets {
                  reportId
                }
              }
            }
          `,
          { id: sixId },
        );
        await Promise.all(
          data.dashboard.widgets.map((w) => graphql(api, widgetQuery, { id: w.reportId, d: sixId })),
        );
        return performance.now() - start;
      };
      const firstWarm = await openDashboard();
      const paint: number[] = [firstWarm];
      for (let i = 0; i < 14; i++) paint.push(await openDashboard());
      const firstPaint = summarize(paint);
      const paintLoad = load();
      // Each widget alone (warm), one after the other: which one a slow paint waits for.
      const oneByOne: number[] = [];
      for (const id of reportIds) {
        const start = performance.now();
        await graphql(api, widgetQuery, { id, d: sixId });
        oneByOne.push(performance.now() - start);
      }
      // Cold: this process's rollups dropped before each load, so every widget builds its own.
      const rollups = server.services.reportRollups;
      const cold: number[] = [];
      for (let i = 0; i < coldLoads && rollups; i++) {
        await rollups.clear(server.database.orm.em.fork());
        cold.push(await openDashboard());
      }
      const coldPaint = summarize(cold);
      const coldLoad = load();
      // Leave it warm again for the live phase below.
      if (rollups) await openDashboard();

      // Live refresh: a records page under 100 writes/s, without and with 20 open dashboards.
      const { data: board } = await graphql<{ createDashboard: { id: string } }>(
        api,
        createDashboardMutation,
        {
          input: {
            name: 'Live',
            shared: true,
            widgets: [{ reportId, chart: 'BAR', x: 0, y: 0, w: 12, h: 6 }],
          },
        },
      );
      const quiet = await pageP99(api, phaseMs / 2);
      let w = writer(api);
      const withoutDashboards = await pageP99(api, phaseMs);
      const writtenA = await w.stop();
      const clients: Client[] = [];
      let refreshes = 0;
      for (let i = 0; i < dashboardCount; i++) {
        const client = createClient({
          url: `${server.url.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: cookieWebSocket(api.cookie),
          connectionParams: { workspaceId: api.workspaceId },
          retryAttempts: 0,
        });
        clients.push(client);
        client.subscribe(
          {
            query: `subscription ($id: ID!) { dashboardRefresh(id: $id) { widgetIds } }`,
            variables: { id: board.createDashboard.id },
          },
          {
            next: () => {
              refreshes += 1;
              void graphql(
                api,
                `
                  query ($id: ID!, $d: ID) {
                    reportResult(id: $id, dashboard: $d) {
                      totals {
                        values
                      }
                    }
                  }
                `,
                {
                  id: reportId,
                  d: board.createDashboard.id,
                },
              ).catch(() => (failures += 1));
            },
            error: (error) => console.error('subscription failed', error),
            complete: () => undefined,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
      w = writer(api);
      const withDashboards = await pageP99(api, phaseMs);
      const writtenB = await w.stop();
      const liveLoad = load();
      for (const client of clients) await client.dispose();

      console.log(`\n## Grouped report: count and sum by status × month (load average ${reportLoad})\n`);
      console.log(
        markdownTable(
          [
            'case',
            'client p50',
            'client p99',
            'server p50',
            'server p99',
            'SQL p50',
            'SQL p99',
            'server/SQL p50',
            'runs',
          ],
          [
            [
              `runReport, ${recordCount.toLocaleString('en')} records`,
              formatMs(reportApi.p50),
              formatMs(reportApi.p99),
              formatMs(reportServer?.p50 ?? Number.NaN),
              formatMs(reportServer?.p99 ?? Number.NaN),
              formatMs(reportSql.p50),
              formatMs(reportSql.p99),
              `${((reportServer?.p50 ?? reportApi.p50) / reportSql.p50).toFixed(2)}×`,
              String(reportApi.samples),
            ],
          ],
        ),
      );
      console.log(
        `\n## Dashboard of 6 widgets, first paint (the dashboard, then its 6 reportResult at once)\n`,
      );
      console.log(
        markdownTable(
          ['case', 'first load', 'p50', 'p99', 'loads', 'load average'],
          [
            [
              `warm (rollups built in the background in ${formatDuration(warmedIn)}, ${warmedCount} kept)`,
              formatMs(firstWarm),
              formatMs(firstPaint.p50),
              formatMs(firstPaint.p99),
              String(firstPaint.samples),
              paintLoad,
            ],
            [
              'cold (rollups dropped before each load)',
              formatMs(cold[0] ?? Number.NaN),
              formatMs(coldPaint.p50),
              formatMs(coldPaint.p99),
              String(coldPaint.samples),
              coldLoad,
            ],
          ],
        ),
      );
      console.log(`\nwarm widgets read one at a time (ms): ${oneByOne.map((ms) => formatMs(ms)).join(', ')}`);
      console.log(
        `\n## Live refresh: records page (50 rows) while 100 writes/s land (load average ${liveLoad})\n`,
      );
      console.log(
        markdownTable(
          ['phase', 'page p50', 'page p99', 'pages', 'writes', 'refresh events'],
          [
            ['no writes', formatMs(quiet.p50), formatMs(quiet.p99), String(quiet.samples), '0', '0'],
            [
              '100 writes/s, no dashboards',
              formatMs(withoutDashboards.p50),
              formatMs(withoutDashboards.p99),
              String(withoutDashboards.samples),
              String(writtenA),
              '0',
            ],
            [
              `100 writes/s, ${dashboardCount} dashboards`,
              formatMs(withDashboards.p50),
              formatMs(withDashboards.p99),
              String(withDashboards.samples),
              String(writtenB),
              String(refreshes),
            ],
          ],
        ),
      );
      console.log(`\nfailed requests: ${failures}; writes skipped (20 already in flight): ${skipped}`);
      console.log(
        `\npage p99 with dashboards / without: ${(withDashboards.p99 / withoutDashboards.p99).toFixed(2)}×`,
      );
    } finally {
      await pool.end();
    }
  });
}

await main();
process.exit(0);
