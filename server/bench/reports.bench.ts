// Reports at scale (issue 18): the grouped report a sales manager opens first — count and sum
// by a stage-like choice × month — over the 1,000,000-record `listing` object of
// records.bench.ts, through `runReport` of a real server in this process beside the same
// aggregation in hand-written SQL; a dashboard's first paint (6 saved reports on a dashboard,
// warmed in the background as a server does, and cold); and what
// live dashboards cost the people working: a records page's p99 while 100 writes a second land,
// without dashboards, with the six-widget dashboard open once and open 20 times (each a
// subscriber taking the widgets' results from the refresh event, as the client does).
//
//   pnpm --filter @crm/server run bench:reports            the full run (seeding 1M rows takes minutes)
//   BENCH_RECORDS=100000 pnpm … bench:reports             a quicker run
//   BENCH_LIVE_SECONDS (30), BENCH_LIVE_ROUNDS (4)         each live phase's time, in how many turns
//   BENCH_PROFILE=<folder>                               a CPU profile of each live phase's first turn
//
// The listing object has no STAGE field; its `status` SELECT (4 values) stands in for the stage:
// grouping by a text column is the same work whatever the field type.
import '../src/platform/node-env.js';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import {
  type Api,
  countStatements,
  formatDuration,
  formatMs,
  graphql,
  markdownTable,
  measureOptionsFromEnv,
  measurePair,
  randomInt,
  signUp,
  statementShape,
  summarize,
  type Summary,
  withBenchServer,
  startCpuProfile,
} from './lib.js';
import {
  column,
  createListingObject,
  maxPrice,
  minPrice,
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
/** Each live phase runs in this many turns, taken in rotation with the others' (see below). */
const liveRounds = Number(process.env.BENCH_LIVE_ROUNDS ?? 4);

const grouped = {
  object: 'listing',
  groupBy: [{ field: 'status' }, { field: 'listedAt', bucket: 'MONTH' }],
  measures: [{ kind: 'COUNT' }, { kind: 'SUM', field: 'price' }],
};
const run = `query ($d: ReportDefinitionInput!) { runReport(definition: $d) { rows { keys values currency } totals { values } } }`;
// What any open records table listens to: the changes of the object's records.
const tableSubscription = `subscription { recordChanged(object: "listing") { changeId recordId values } }`;
const refreshSubscription = `subscription ($id: ID!) { dashboardRefresh(id: $id) { widgetIds results { widgetId result { rows { keys labels values currency } totals { values } } } } }`;
const widgetQuery = `query ($id: ID!, $d: ID) { reportResult(id: $id, dashboard: $d) { rows { keys labels values currency } totals { values } } }`;
const createReportMutation = `mutation ($input: CreateReportInput!) { createReport(input: $input) { id } }`;
const createDashboardMutation = `mutation ($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }`;
const coldLoads = Number(process.env.BENCH_COLD_LOADS ?? 3);

const profileFolder = process.env.BENCH_PROFILE;
const profiledPhases = new Set<string>();

/** With BENCH_PROFILE, a CPU profile of this process during each live phase's first turn. */
async function profilePhase(name: string) {
  if (!profileFolder || profiledPhases.has(name)) return undefined;
  profiledPhases.add(name);
  const stop = await startCpuProfile(profileFolder);
  return () => stop(`reports-live-${name}`);
}

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

/**
 * What marks a rollup's statements, a catch-up's reads of the change log (reports/rollup.ts: a
 * count before the transaction, then the catch-up statement that reads the ids again) and the
 * catch-up statement itself.
 */
const rollupTable = '"report_rollup"."r_';
const changeLogRead = "bool_or(kind = 'create')";
const isCatchUp = (text: string) => text.includes(changeLogRead) && /^\s*with c as materialized/i.test(text);

function cookieWebSocket(cookie: string) {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
      this.on('error', () => undefined);
    }
  };
}

/**
 * CPU time (ms) used so far by this process and by the PostgreSQL backends of this bench's
 * database (from /proc; other databases of a shared server are not counted): what a phase
 * costs whatever else the machine runs. A backend that ended meanwhile is not counted.
 */
async function cpuNow(pool: pg.Pool): Promise<{ node: number; db: Map<number, number> }> {
  const { user, system } = process.cpuUsage();
  const db = new Map<number, number>();
  const { rows } = await pool.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database()',
  );
  for (const { pid } of rows) {
    const fields = await readFile(`/proc/${pid}/stat`, 'utf8')
      .then((text) => text.split(') ')[1]!.split(' '))
      .catch(() => null);
    // After "pid (comm) ": state, ppid, …, then utime and stime in 1/100 s.
    if (fields) db.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return { node: (user + system) / 1000, db };
}

function cpuSince(before: Awaited<ReturnType<typeof cpuNow>>, after: Awaited<ReturnType<typeof cpuNow>>) {
  let db = 0;
  for (const [pid, ms] of after.db) db += ms - (before.db.get(pid) ?? 0);
  return { node: after.node - before.node, db };
}

async function pageP99(api: Api, ms: number): Promise<Summary> {
  return summarize((await pageTimes(api, ms)).map((p) => p.ms));
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The records page's latencies, read in a closed loop for `ms`. */
async function pageTimes(api: Api, ms: number): Promise<{ at: number; ms: number }[]> {
  const samples: { at: number; ms: number }[] = [];
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    const at = performance.now();
    await graphql(api, pageQuery(''), priceRange(0.02));
    samples.push({ at, ms: performance.now() - at });
  }
  return samples;
}

/** The pages whose request overlapped one of `statements` (while it ran), and the others. */
function byOverlap(pages: { at: number; ms: number }[], statements: { at: number; ms: number }[]) {
  const spans = statements.filter((s) => Number.isFinite(s.ms));
  const overlapped: number[] = [];
  const clear: number[] = [];
  for (const page of pages) {
    const end = page.at + page.ms;
    const hit = spans.some((s) => s.at < end && s.at + s.ms > page.at);
    (hit ? overlapped : clear).push(page.ms);
  }
  return { overlapped, clear };
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
            // Spread as the seed's prices are: one price for every new listing would pile them
            // up at the head of the page's date order, and every page whose range leaves that
            // price out would step over more of them each second (a drift, not a cost).
            price: { amount: randomInt(minPrice, maxPrice), currency: 'USD' },
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
  await withBenchServer(
    'reports',
    async (server, database) => {
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

        // Live refresh: a records page under 100 writes/s, without dashboards, with the six-widget
        // dashboard open once, and open 20 times. Each open dashboard is a subscriber that takes
        // the widgets' results from the event (push.ts) and asks nothing back, as the client does.
        const statements = countStatements();
        const phase = async (subscribers: number, ms: number, subscription = refreshSubscription) => {
          const clients: Client[] = [];
          let events = 0;
          let results = 0;
          let firstEvent = 0;
          let writesFrom = performance.now();
          for (let i = 0; i < subscribers; i++) {
            const client = createClient({
              url: `${server.url.replace(/^http/, 'ws')}/graphql`,
              webSocketImpl: cookieWebSocket(api.cookie),
              connectionParams: { workspaceId: api.workspaceId },
              retryAttempts: 0,
            });
            clients.push(client);
            client.subscribe<{ dashboardRefresh?: { results: unknown[] } }>(
              { query: subscription, variables: subscription === refreshSubscription ? { id: sixId } : {} },
              {
                next: ({ data }) => {
                  events += 1;
                  firstEvent ||= performance.now() - writesFrom;
                  results += data?.dashboardRefresh?.results.length ?? 0;
                },
                error: (error) => console.error('subscription failed', error),
                complete: () => undefined,
              },
            );
          }
          // Subscriptions are not acknowledged: let them reach the server before writing.
          if (subscribers) await new Promise((resolve) => setTimeout(resolve, 2000));
          // Dashboards open all along would have kept the rollups up with the writes of the phases
          // between (no one reads them there): brought forward before measuring, the first refresh
          // covers this phase's writes only, as it would on a floor where the screens stay on.
          if (subscription === refreshSubscription && subscribers)
            for (const id of reportIds) await graphql(api, widgetQuery, { id, d: sixId });
          statements.take();
          const cpuFrom = await cpuNow(pool);
          // How long this process (server and bench clients alike) kept callbacks waiting: a
          // refresh that held the event loop would show here before it showed in the page times.
          const loopDelay = monitorEventLoopDelay({ resolution: 5 });
          loopDelay.enable();
          writesFrom = performance.now();
          const profiled = await profilePhase(
            `${subscription === refreshSubscription ? subscribers : 'table'}`,
          );
          const w = writer(api);
          const page = await pageTimes(api, ms);
          const written = await w.stop();
          await profiled?.();
          loopDelay.disable();
          const timed = statements.takeTimed();
          const sent = timed.map((t) => t.text);
          const refreshStatements = timed.filter(
            (t) => t.text.includes(rollupTable) || t.text.includes(changeLogRead),
          );
          const cpu = cpuSince(cpuFrom, await cpuNow(pool));
          for (const client of clients) await client.dispose();
          const overlap = byOverlap(page, refreshStatements);
          return {
            page: page.map((p) => p.ms),
            overlapped: overlap.overlapped,
            clear: overlap.clear,
            written,
            events,
            // One refresh is one event per open dashboard.
            refreshes: subscribers ? events / subscribers : 0,
            results,
            // A widget's computation: its rollup caught up (the changes since its last read),
            // then the report over the rollup's groups.
            rollupReads: sent.filter((q) => /^\s*select/i.test(q) && q.includes(rollupTable)).length,
            catchUps: sent.filter(isCatchUp).length,
            // Every statement on the rollup tables: catch-ups' writes and the reads over `a`.
            rollupStatements: sent.filter((q) => q.includes(rollupTable)).length,
            // The change feed's dispatcher (one per workspace, whatever the subscribers).
            // (A write's own statements — `begin; insert …; insert into record_change …` — are not reads.)
            changeLogReads: sent.filter(
              (q) =>
                q.includes('record_change') &&
                !q.includes(changeLogRead) &&
                !/insert into [^;]*record_change/i.test(q),
            ).length,
            // Time from sending to answer of the refreshes' own statements (catch-ups and reads).
            refreshMs: sum(refreshStatements.map((t) => t.ms || 0)),
            refreshShapes: refreshStatements,
            loopDelayMax: loopDelay.max / 1e6,
            loopDelayP99: loopDelay.percentile(99) / 1e6,
            firstEventMs: firstEvent || null,
            cpu,
            load: load(),
          };
        };
        const quiet = await pageP99(api, phaseMs / 2);
        // The four phases take turns, `liveRounds` times each, and each one's page times are
        // pooled: the machine and the tables drift during the run (the writes add rows, the
        // rollups dead rows), and phases run one after the other would put that drift in the ratio.
        type Phase = Awaited<ReturnType<typeof phase>>;
        const pooled = (parts: Phase[]) => ({
          page: summarize(parts.flatMap((p) => p.page)),
          overlapped: summarize(parts.flatMap((p) => p.overlapped)),
          clear: summarize(parts.flatMap((p) => p.clear)),
          written: sum(parts.map((p) => p.written)),
          events: sum(parts.map((p) => p.events)),
          refreshes: sum(parts.map((p) => p.refreshes)),
          results: sum(parts.map((p) => p.results)),
          rollupReads: sum(parts.map((p) => p.rollupReads)),
          catchUps: sum(parts.map((p) => p.catchUps)),
          rollupStatements: sum(parts.map((p) => p.rollupStatements)),
          changeLogReads: sum(parts.map((p) => p.changeLogReads)),
          refreshMs: sum(parts.map((p) => p.refreshMs)),
          refreshShapes: parts.flatMap((p) => p.refreshShapes),
          loopDelayMax: Math.max(...parts.map((p) => p.loopDelayMax)),
          loopDelayP99: Math.max(...parts.map((p) => p.loopDelayP99)),
          firstEventMs: parts[0]!.firstEventMs,
          cpu: { node: sum(parts.map((p) => p.cpu.node)), db: sum(parts.map((p) => p.cpu.db)) },
          load: parts.at(-1)!.load,
        });
        const runs = new Map<number, Phase[]>([0, 1, dashboardCount, -1].map((n) => [n, []]));
        const order = [...runs];
        // Each round starts one phase later, so over four rounds every phase takes every place.
        for (let round = 0; round < liveRounds; round++)
          for (const [subscribers, parts] of [
            ...order.slice(round % order.length),
            ...order.slice(0, round % order.length),
          ])
            parts.push(
              subscribers < 0
                ? await phase(1, phaseMs / liveRounds, tableSubscription)
                : await phase(subscribers, phaseMs / liveRounds),
            );
        const withTable = pooled(runs.get(-1)!);
        const withoutDashboards = pooled(runs.get(0)!);
        const oneDashboard = pooled(runs.get(1)!);
        const withDashboards = pooled(runs.get(dashboardCount)!);

        // What one refresh computes: the six widgets caught up with 3 s of writes (300 records
        // changed), then read again with nothing changed. Nothing is maintained per write: a
        // rollup is brought forward when it is read (rollup.ts).
        const readSix = async () => {
          const start = performance.now();
          for (const id of reportIds) await graphql(api, widgetQuery, { id, d: sixId });
          return performance.now() - start;
        };
        await readSix();
        const burst = writer(api);
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const burstWrites = await burst.stop();
        while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        const catchUpMs = await readSix();
        const unchangedMs = await readSix();
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
        console.log(
          `\nwarm widgets read one at a time (ms): ${oneByOne.map((ms) => formatMs(ms)).join(', ')}`,
        );
        console.log(
          `\n## Live refresh: records page (50 rows) while 100 writes/s land, dashboards of 6 widgets pushed (load average ${withDashboards.load})\n`,
        );
        const liveRow = (name: string, p: ReturnType<typeof pooled>) => [
          name,
          formatMs(p.page.p50),
          formatMs(p.page.p99),
          String(p.page.samples),
          String(p.written),
          String(p.events),
          String(p.results),
          String(p.rollupReads),
          String(p.catchUps),
          String(p.rollupStatements),
          String(p.changeLogReads),
          p.events ? formatMs(p.refreshMs / Math.max(1, Math.round(p.refreshes))) : '–',
          `${formatMs(p.loopDelayP99)} / ${formatMs(p.loopDelayMax)}`,
          p.firstEventMs === null ? '–' : formatMs(p.firstEventMs),
          (p.cpu.node / 1000).toFixed(1),
          (p.cpu.db / 1000).toFixed(1),
          p.load,
        ];
        console.log(
          markdownTable(
            [
              'phase',
              'page p50',
              'page p99',
              'pages',
              'writes',
              'refresh events',
              'results pushed',
              'rollup reads',
              'catch-ups',
              'rollup statements',
              'change-log reads',
              'rollup SQL ms per refresh',
              'event-loop delay p99 / max',
              'first event after',
              'node CPU s',
              'db CPU s',
              'load average',
            ],
            [
              [
                'no writes',
                formatMs(quiet.p50),
                formatMs(quiet.p99),
                String(quiet.samples),
                '0',
                '0',
                '0',
                '0',
                '0',
                '0',
                '0',
                '–',
                '–',
                '–',
                '',
                '',
                '',
              ],
              liveRow('100 writes/s, no dashboards', withoutDashboards),
              liveRow('100 writes/s, 1 dashboard', oneDashboard),
              liveRow(`100 writes/s, ${dashboardCount} dashboards`, withDashboards),
              liveRow('100 writes/s, 1 open table (no dashboard)', withTable),
            ],
          ),
        );
        // Where a refresh's database time goes, by statement (20 dashboards' phases).
        const byShape = new Map<string, { n: number; ms: number }>();
        for (const t of withDashboards.refreshShapes) {
          const shape = statementShape(t.text).slice(0, 70);
          const entry = byShape.get(shape) ?? { n: 0, ms: 0 };
          entry.n += 1;
          entry.ms += t.ms || 0;
          byShape.set(shape, entry);
        }
        console.log(`\n## A refresh's rollup statements (${dashboardCount} dashboards' phases, all turns)\n`);
        console.log(
          markdownTable(
            ['statement', 'sent', 'ms in all', 'ms each'],
            [...byShape]
              .sort((x, y) => y[1].ms - x[1].ms)
              .map(([shape, { n, ms }]) => [
                shape.replace(/\|/g, '/'),
                String(n),
                formatMs(ms),
                formatMs(ms / n),
              ]),
          ),
        );
        // Which pages the refreshes slowed: those whose request ran while a refresh statement did.
        const overlapRow = (name: string, p: ReturnType<typeof pooled>) => [
          name,
          String(p.overlapped.samples),
          p.overlapped.samples ? formatMs(p.overlapped.p50) : '–',
          p.overlapped.samples ? formatMs(p.overlapped.p99) : '–',
          String(p.clear.samples),
          formatMs(p.clear.p50),
          formatMs(p.clear.p99),
        ];
        console.log(`\n## Pages that ran beside a refresh statement, and the others\n`);
        console.log(
          markdownTable(
            ['phase', 'beside', 'p50', 'p99', 'others', 'p50', 'p99'],
            [
              overlapRow('100 writes/s, 1 dashboard', oneDashboard),
              overlapRow(`100 writes/s, ${dashboardCount} dashboards`, withDashboards),
            ],
          ),
        );
        console.log(
          `\none refresh's computation, the 6 widgets read one after the other: ${formatMs(catchUpMs)} after ${burstWrites} writes, ${formatMs(unchangedMs)} with nothing changed`,
        );
        console.log(`\nfailed requests: ${failures}; writes skipped (20 already in flight): ${skipped}`);
        const spacing = (p: { refreshes: number }) =>
          p.refreshes ? formatMs(phaseMs / 1000 / p.refreshes) : '–';
        console.log(
          `\nrefreshes: one per ${spacing(oneDashboard)} s with 1 dashboard, one per ${spacing(withDashboards)} s with ${dashboardCount} (the writes' first ~1 s in each turn included)`,
        );
        console.log(
          `\npage p99 with ${dashboardCount} dashboards / without: ${(withDashboards.page.p99 / withoutDashboards.page.p99).toFixed(2)}×; with 1: ${(oneDashboard.page.p99 / withoutDashboards.page.p99).toFixed(2)}×`,
        );
      } finally {
        await pool.end();
      }
    },
    {
      ...(process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {}),
      // REPORT_REFRESH_SHARE=100: refreshes every 3 s whatever they cost (the cadence before it).
      ...(process.env.REPORT_REFRESH_SHARE ? { REPORT_REFRESH_SHARE: process.env.REPORT_REFRESH_SHARE } : {}),
    },
  );
}

await main();
process.exit(0);
