// What the benchmarks share: timing and percentiles, a markdown table, and a fresh
// PostgreSQL database (BENCH_DATABASE_URL's server, or a throw-away embedded one).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Pool } from 'undici';
import { defaultPageCost } from '../src/platform/database.js';
import { loadEmbeddedPostgres } from '../src/platform/embedded-postgres.js';

/**
 * The planner's page costs the server sets on its own connections (DATABASE_PAGE_COST's
 * default), for the direct-SQL baselines: the same statement planned the same way.
 */
export const serverSessionOptions = `-c seq_page_cost=${defaultPageCost} -c random_page_cost=${defaultPageCost}`;

export interface Summary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The p-th percentile (0–100) of ascending `sorted`, interpolated between neighbours. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

export interface MeasureOptions {
  warmup: number;
  iterations: number;
  /** Stops early (after at least `minIterations`) once this much time has gone. */
  budgetMs: number;
  minIterations: number;
}

/** Warm-up, iterations and time budget per case: BENCH_WARMUP, BENCH_ITERATIONS, BENCH_CASE_SECONDS. */
export function measureOptionsFromEnv(): MeasureOptions {
  return {
    warmup: Number(process.env.BENCH_WARMUP ?? 20),
    iterations: Number(process.env.BENCH_ITERATIONS ?? 300),
    budgetMs: Number(process.env.BENCH_CASE_SECONDS ?? 60) * 1000,
    minIterations: 30,
  };
}

/** One run of a measured operation; `i` lets it pick its own random parameters. */
export type Run = (i: number) => Promise<unknown>;

/** The server's own time for the last `graphql()` call (its Server-Timing header), taken once. */
let lastServerTiming: number | null = null;

export function takeServerTiming(): number | null {
  const ms = lastServerTiming;
  lastServerTiming = null;
  return ms;
}

async function timed(run: Run, i: number): Promise<number> {
  const start = performance.now();
  await run(i);
  return performance.now() - start;
}

/**
 * Times `runs` in turn, one run of each per iteration, so that drift (autovacuum, a warming
 * cache, a busy neighbour) weighs on all alike. With the summaries, the first run's time
 * inside the server (its Server-Timing), when every run of it made one request, and each run's
 * CPU time of this process (user + system, ms): in a process that holds the servers too, what a
 * request costs them and its client.
 */
export async function measureRounds(
  runs: readonly Run[],
  options: MeasureOptions,
): Promise<{ summaries: Summary[]; server: Summary | null; cpuMs: number[] }> {
  for (let i = 0; i < options.warmup; i++) {
    for (const run of runs) await run(i);
  }
  const times: number[][] = runs.map(() => []);
  const cpu = runs.map(() => 0);
  const atServer: number[] = [];
  const deadline = performance.now() + options.budgetMs;
  for (let i = 0; i < options.iterations; i++) {
    if (i >= options.minIterations && performance.now() > deadline) break;
    // Each round starts with the next system: none always follows the same one (whose leftover
    // work, a collection or a socket's close, would land in its time) or always goes first.
    for (let k = 0; k < runs.length; k++) {
      const n = (i + k) % runs.length;
      const run = runs[n]!;
      takeServerTiming();
      const before = process.cpuUsage();
      times[n]!.push(await timed(run, i));
      const used = process.cpuUsage(before);
      cpu[n]! += (used.user + used.system) / 1000;
      const server = takeServerTiming();
      if (n === 0 && server !== null) atServer.push(server);
    }
  }
  const server = atServer.length === times[0]!.length ? summarize(atServer) : null;
  return { summaries: times.map(summarize), server, cpuMs: cpu.map((total, n) => total / times[n]!.length) };
}

/** `measureRounds` of two: `a`, `b`, and `a`'s time inside the server. */
export async function measurePair(
  a: Run,
  b: Run,
  options: MeasureOptions,
): Promise<[Summary, Summary, Summary | null]> {
  const { summaries, server } = await measureRounds([a, b], options);
  return [summaries[0]!, summaries[1]!, server];
}

export interface Throughput {
  perSecond: number;
  latency: Summary;
  /** Each operation's time, in the order they ended. */
  samples: number[];
  elapsedMs: number;
  /** This process's CPU time (user + system) per operation, ms: the server's and the client's. */
  cpuMs: number;
}

/** Runs `op` on `workers` concurrent loops for `ms`; rate and latency per operation. */
export async function drive(
  workers: number,
  ms: number,
  op: (worker: number, i: number) => Promise<unknown>,
): Promise<Throughput> {
  const latencies: number[] = [];
  const deadline = performance.now() + ms;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const start = performance.now();
        await op(worker, i);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    perSecond: (latencies.length / elapsedMs) * 1000,
    latency: summarize(latencies),
    samples: latencies,
    elapsedMs,
    cpuMs: (used.user + used.system) / 1000 / latencies.length,
  };
}

/**
 * CPU seconds so far of the PostgreSQL server behind `pool` (the postmaster's children, from
 * /proc), or null when it is not a process of this machine.
 */
export async function databaseCpuSeconds(pool: pg.Pool): Promise<number | null> {
  const ticks = 100; // USER_HZ on Linux
  const stat = async (pid: string) =>
    (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  try {
    const { rows } = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
    const postmaster = (await stat(String(rows[0]!.pid)))[1]!;
    let total = 0;
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const fields = await stat(pid).catch(() => null);
      // After "pid (comm) ": state, ppid, …, utime, stime, then cutime and cstime: the
      // postmaster's count its ended children (a pool's idle connections close).
      if (fields && fields[1] === postmaster) total += (Number(fields[11]) + Number(fields[12])) / ticks;
      if (fields && pid === postmaster)
        total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks;
    }
    return total;
  } catch {
    return null;
  }
}

/** The machine's 1-, 5- and 15-minute load averages, for the record beside the figures. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

export function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  return seconds >= 60
    ? `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(0)} s`
    : `${seconds.toFixed(1)} s`;
}

export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A uniformly random integer in [min, max]. */
export function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

export interface BenchDatabase {
  /** A superuser URL of a database of its own. */
  url: string;
  /** PostgreSQL's version, with "(embedded)" when it is the throw-away one. */
  version: string;
  /** Drops the database, or stops and deletes the embedded server. */
  drop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]!.server_version;
  });
}

/** A new database `<prefix>_<random>` on BENCH_DATABASE_URL's server, or a throw-away embedded PostgreSQL. */
export async function openBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const admin = process.env.BENCH_DATABASE_URL;
  if (admin) {
    const name = `${prefix}_${randomBytes(6).toString('hex')}`;
    await withClient(admin, (client) => client.query(`create database ${name}`));
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      version: await serverVersion(admin),
      drop: async () => {
        // BENCH_KEEP_DATABASE=1 leaves it for a look afterwards (EXPLAIN ANALYZE…).
        if (process.env.BENCH_KEEP_DATABASE) return console.error(`kept database ${name}`);
        await withClient(admin, (client) => client.query(`drop database if exists ${name} with (force)`));
      },
    };
  }
  return startEmbedded(prefix);
}

async function startEmbedded(prefix: string): Promise<BenchDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = await mkdtemp(path.join(os.tmpdir(), `${prefix.replace(/_/g, '-')}-pg-`));
  // As root, embedded-postgres runs the server as a `postgres` user, who must reach the folder.
  await chmod(dir, 0o755);
  const port = await freePort();
  const embedded = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await embedded.initialise();
  await embedded.start();
  await embedded.createDatabase(prefix);
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/${prefix}`;
  return {
    url,
    version: `${await serverVersion(url)} (embedded)`,
    drop: async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------
// GraphQL over HTTP, as a client would.

export interface Api {
  url: string;
  cookie: string;
  workspaceId: string;
  userId: string;
}

export async function graphql<T>(
  api: Pick<Api, 'url'> & Partial<Api>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data: T; response: Response }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (api.cookie) headers.cookie = api.cookie;
  if (api.workspaceId) headers['x-workspace-id'] = api.workspaceId;
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const timing = /app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
  lastServerTiming = timing ? Number(timing[1]) : null;
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return { data: body.data, response };
}

/**
 * GraphQL over HTTP on `connections` keep-alive sockets through undici's `Pool`, for
 * benchmark loops whose client shares the server's process: `fetch` (undici with web
 * streams) costs that process several times more CPU per request, and node:http's client
 * more than this (docs/benchmarks.md, "The benchmark's HTTP client").
 */
export function keepAliveGraphQL(api: Api, connections: number) {
  const pool = new Pool(new URL(api.url).origin, { connections, pipelining: 1 });
  const headers = {
    'content-type': 'application/json',
    cookie: api.cookie,
    'x-workspace-id': api.workspaceId,
  };
  const post = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const { body } = await pool.request({
      path: '/graphql',
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await body.json()) as { data?: T; errors?: unknown[] };
    if (answer.errors?.length || !answer.data)
      throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  };
  return { post, close: () => pool.destroy() };
}

export async function signUp(url: string): Promise<Api> {
  const { data, response } = await graphql<{ signUp: { user: { id: string }; workspace: { id: string } } }>(
    { url },
    `
      mutation ($input: SignUpInput!) {
        signUp(input: $input) {
          user {
            id
          }
          workspace {
            id
          }
        }
      }
    `,
    {
      input: {
        email: `bench-${randomBytes(5).toString('hex')}@example.com`,
        password: 'a long enough password',
        name: 'Bench Owner',
      },
    },
  );
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('crm_session='));
  if (!cookie) throw new Error('sign-up set no crm_session cookie');
  return { url, cookie, workspaceId: data.signUp.workspace.id, userId: data.signUp.user.id };
}

/**
 * The real server in this process on port 0, as production runs it (NODE_ENV=production), with
 * the sign-in and workspace-creation limits lifted for the benchmark's own many sign-ups (and the
 * sockets-per-user limit for its many subscribers).
 * Loaded lazily so each benchmark sets NODE_ENV before graphql-js loads.
 */
export async function startBenchServer(databaseUrl: string, env: Record<string, string> = {}) {
  const { createLogger, loadConfig, startServer } = await serverModule();
  return startServer(
    loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      AUTH_RATE_LIMIT: '10000',
      WORKSPACE_CREATE_LIMIT: '10000',
      // bench:realtime's "one socket each" case opens 1,000 sockets as one user.
      WS_MAX_SOCKETS_PER_USER: '10000',
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      // An A/B of the planner's page costs: DATABASE_PAGE_COST=server runs the server without them.
      ...(process.env.DATABASE_PAGE_COST ? { DATABASE_PAGE_COST: process.env.DATABASE_PAGE_COST } : {}),
      ...env,
    }),
    createLogger('silent'),
  );
}

/**
 * The server's code: its TypeScript source through tsx (the default), or with
 * `BENCH_SERVER=dist` the build `node dist/main.js` runs in production (`pnpm build` first).
 */
export const serverBuild =
  process.env.BENCH_SERVER === 'dist'
    ? 'its build (dist/, as `node dist/main.js` runs it)'
    : 'its TypeScript source through tsx';

async function serverModule(): Promise<typeof import('../src/index.js')> {
  if (process.env.BENCH_SERVER !== 'dist') return import('../src/index.js');
  const built = new URL('../dist/index.js', import.meta.url).href;
  return (await import(built)) as typeof import('../src/index.js');
}

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

/** A fresh database and the server on it for `body`; both are gone afterwards, whatever happens. */
export async function withBenchServer(
  prefix: string,
  body: (server: BenchServer, database: BenchDatabase) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const database = await openBenchDatabase(prefix);
  try {
    const server = await startBenchServer(database.url, env);
    try {
      await body(server, database);
    } finally {
      await server.close();
    }
  } finally {
    await database.drop();
  }
}

/** Ends a benchmark that started child processes or sockets: exit 0 when `done` settles, 1 on error. */
export function exitWhenSettled(done: Promise<void>): void {
  done.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

// ---------------------------------------------------------------------------------------
// Counting what the server asks of PostgreSQL.

type QueryFn = (...args: unknown[]) => unknown;

/** A statement sent (when, on `performance.now()`'s clock), and how long it took to answer (NaN until it has). */
export interface SentStatement {
  text: string;
  at: number;
  ms: number;
}

/**
 * Counts the SQL statements this process sends, on every `pg` client: the ORM's (its own
 * copy of `pg`, found through its dependencies) and the event bus's. `take()` returns the
 * statements sent since the last `take()`, in order; `takeTimed()` the same with each one's
 * time from sending to its answer (a statement queued behind another on its connection counts
 * its wait).
 */
export function countStatements(): { take(): string[]; takeTimed(): SentStatement[] } {
  const here = createRequire(import.meta.url);
  const orm = createRequire(here.resolve('@mikro-orm/postgresql'));
  const knex = createRequire(createRequire(orm.resolve('@mikro-orm/knex')).resolve('knex'));
  const modules = new Set([pg, knex('pg') as typeof pg]);
  let sent: SentStatement[] = [];
  for (const module of modules) {
    const prototype = module.Client.prototype as unknown as { query: QueryFn; __counted?: boolean };
    if (prototype.__counted) continue;
    const query = prototype.query;
    prototype.__counted = true;
    prototype.query = function (this: unknown, ...args: unknown[]) {
      const [first] = args;
      const entry = {
        text: typeof first === 'string' ? first : String((first as { text?: string })?.text ?? first),
        at: performance.now(),
        ms: Number.NaN,
      };
      sent.push(entry);
      const done = () => (entry.ms = performance.now() - entry.at);
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as QueryFn;
        args[last] = (...results: unknown[]) => {
          done();
          return callback(...results);
        };
      }
      const result = query.apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === 'function')
        (result as Promise<unknown>).then(done, done);
      return result;
    };
  }
  const takeTimed = () => {
    const taken = sent;
    sent = [];
    return taken;
  };
  return { takeTimed, take: () => takeTimed().map((s) => s.text) };
}

/** A statement's shape: names, ids and numbers masked, so two alike statements compare equal. */
export function statementShape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/'[^']*'/g, "'…'")
    .replace(/"?ws_[0-9a-f]{32}"?/g, 'ws_…')
    .replace(/"?[of]_[0-9a-f]{32}"?/g, 'x_…')
    .replace(/\b\d+\b/g, 'N')
    .trim()
    .slice(0, 110);
}

/**
 * A V8 CPU profile of this process from now until the returned function is called, which writes
 * it to `<folder>/<name>.cpuprofile` (Chrome DevTools opens it; bench/profile-summary.ts sums it up).
 */
export async function startCpuProfile(folder: string): Promise<(name: string) => Promise<string>> {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (name) => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, `${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.error(`CPU profile: ${file} (summary: tsx bench/profile-summary.ts ${file})`);
    return file;
  };
}
