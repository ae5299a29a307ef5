// Concurrent writes (issue 12): `createCompany` and `updateCompany` over HTTP with 1 and
// 8 connections, against the same two statements per transaction (the record row and its
// change row) sent straight through `pg` with 1 and 8 clients, in the same run and database.
//
//   pnpm --filter @crm/server run bench:writes
//   BENCH_WRITE_SECONDS=10 …          seconds per case (default 8)
//   BENCH_DATABASE_URL=postgres://…   a real PostgreSQL (superuser) instead of the embedded one
//   BENCH_PROFILE=<folder>            a CPU profile of each measured API case (bench/profile-summary.ts reads it)
//
// "CPU ms/op" is this process's CPU time per operation (server and client alike; PostgreSQL
// runs apart): on a shared machine it moves far less with the load than the rates do.
// "PG CPU ms/op" is PostgreSQL's (every process of its server, from /proc, when it runs here). The
// "server apart" rows send the ×8 writes to a server in a process of its own, as in production:
// their CPU reads "server + client".
import '../src/platform/node-env.js';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import {
  type Api,
  countStatements,
  databaseCpuSeconds,
  formatMs,
  keepAliveGraphQL,
  markdownTable,
  openBenchDatabase,
  signUp,
  serverBuild,
  startBenchServer,
  drive,
  loadAverage,
  type Throughput,
  statementShape,
  startCpuProfile,
} from './lib.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

const caseMs = Number(process.env.BENCH_WRITE_SECONDS ?? 8) * 1000;
const warmupMs = 1_000;
const concurrencies = [1, 8];
const targets = { perSecond: 1_000, ofSql: 0.5 };

/**
 * PostgreSQL's CPU per operation (ms; null when it is not a process of this machine) and,
 * with `apart`, the CPU its server process spent per operation.
 */
async function measure(
  pool: pg.Pool,
  workers: number,
  op: (worker: number, i: number) => Promise<unknown>,
  profileAs?: string,
  apart?: ServerProcess,
): Promise<Throughput & { databaseCpuMs: number | null; serverCpuMs?: number }> {
  // A server process of its own is new: its code is compiled as the warm-up runs.
  await drive(workers, apart ? 3 * warmupMs : warmupMs, op);
  const folder = process.env.BENCH_PROFILE;
  const stop = folder && profileAs ? await (apart?.profile(folder) ?? startCpuProfile(folder)) : undefined;
  const serverCpuAtStart = await apart?.cpuMicros();
  const databaseCpuAtStart = await databaseCpuSeconds(pool);
  const result = await drive(workers, caseMs, op);
  const databaseCpuAtEnd = await databaseCpuSeconds(pool);
  const serverCpu = apart && (await apart.cpuMicros()) - serverCpuAtStart!;
  await stop?.(`writes-${profileAs}`);
  const ops = result.samples.length;
  const databaseCpuMs =
    databaseCpuAtStart === null || databaseCpuAtEnd === null
      ? null
      : ((databaseCpuAtEnd - databaseCpuAtStart) * 1000) / ops;
  return serverCpu === undefined
    ? { ...result, databaseCpuMs }
    : { ...result, databaseCpuMs, serverCpuMs: serverCpu / 1000 / ops };
}

interface Company {
  table: string;
  changes: string;
  objectId: string;
  nameColumn: string;
}

async function companyTable(pool: pg.Pool, api: Api): Promise<Company> {
  const { rows } = await pool.query<{ object_id: string; column_name: string }>(
    `select o.id as object_id, f.column_name from object_def o join field_def f on f.object_id = o.id
     where o.workspace_id = $1 and o.key = 'company' and f.key = 'name'`,
    [api.workspaceId],
  );
  const schema = `ws_${api.workspaceId.replace(/-/g, '')}`;
  return {
    table: `"${schema}"."o_${rows[0]!.object_id.replace(/-/g, '')}"`,
    changes: `"${schema}".record_change`,
    objectId: rows[0]!.object_id,
    nameColumn: `"${rows[0]!.column_name}"`,
  };
}

/** The baseline: one transaction per write, the record row and its change row, nothing else. */
function sqlWrites(clients: pg.Client[], company: Company, api: Api) {
  const inTransaction = async (client: pg.Client, work: () => Promise<unknown>) => {
    await client.query('begin');
    await work();
    await client.query('commit');
  };
  const logChange = (client: pg.Client, id: string, kind: string, changes: unknown, version: number) =>
    client.query(
      `insert into ${company.changes} (object_id, record_id, kind, actor_id, changes, version) values ($1, $2, $3, $4, $5, $6)`,
      [company.objectId, id, kind, api.userId, JSON.stringify(changes), version],
    );
  return {
    create: (worker: number, i: number) => {
      const client = clients[worker]!;
      const id = randomUUID();
      const name = `SQL ${worker}-${i}`;
      return inTransaction(client, async () => {
        await client.query(
          `insert into ${company.table} (id, created_by, updated_by, owner_id, ${company.nameColumn}, search)
           values ($1, $2, $2, $2, $3, to_tsvector('simple', $3))`,
          [id, api.userId, name],
        );
        await logChange(client, id, 'create', { name: [null, name] }, 1);
      });
    },
    update: (ids: string[][]) => (worker: number, i: number) => {
      const client = clients[worker]!;
      const own = ids[worker]!;
      const id = own[i % own.length]!;
      const name = `SQL renamed ${worker}-${i}`;
      return inTransaction(client, async () => {
        const { rows } = await client.query<{ version: number }>(
          `update ${company.table} set ${company.nameColumn} = $2, search = to_tsvector('simple', $2), version = version + 1,
           updated_at = now(), updated_by = $3 where id = $1 returning version`,
          [id, name, api.userId],
        );
        await logChange(client, id, 'update', { name: ['before', name] }, rows[0]!.version);
      });
    },
  };
}

function apiWrites(client: ReturnType<typeof keepAliveGraphQL>) {
  return {
    create: (worker: number, i: number) =>
      client.post(
        `
          mutation ($name: String!) {
            createCompany(input: { name: $name }) {
              id
            }
          }
        `,
        {
          name: `API ${worker}-${i}`,
        },
      ),
    update: (ids: string[][]) => (worker: number, i: number) => {
      const own = ids[worker]!;
      return client.post(
        `
          mutation ($id: ID!, $name: String!) {
            updateCompany(id: $id, input: { name: $name }) {
              id
            }
          }
        `,
        { id: own[i % own.length], name: `API renamed ${worker}-${i}` },
      );
    },
  };
}

/** Each worker updates records of its own, so rows are not fought over (the lock would be). */
async function recordsPerWorker(pool: pg.Pool, company: Company, workers: number): Promise<string[][]> {
  const { rows } = await pool.query<{ id: string }>(`select id from ${company.table} limit ${workers * 50}`);
  return Array.from({ length: workers }, (_, w) => rows.slice(w * 50, (w + 1) * 50).map((r) => r.id));
}

/**
 * What one create and one update send to PostgreSQL from this process (a round trip each; the
 * store's own transactions put several statements in one), after one write of each.
 */
async function roundTrips(overHttp: ReturnType<typeof apiWrites>, ids: string[][]): Promise<string> {
  const statements = countStatements();
  const lines: string[] = [];
  for (const kind of ['create', 'update'] as const) {
    const write = kind === 'create' ? overHttp.create : overHttp.update(ids);
    await write(0, 0);
    statements.take();
    await write(0, 1);
    const sent = statements.take();
    lines.push(
      `${kind}: ${sent.length} round trips`,
      ...sent.map((s) => `  ${s.split(';\n').length} statement(s): ${statementShape(s)}`),
    );
  }
  return lines.join('\n');
}

const databaseCpu = (measured: { databaseCpuMs: number | null }) =>
  measured.databaseCpuMs === null ? '–' : measured.databaseCpuMs.toFixed(2);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

interface CaseResult {
  row: string[];
  verdict?: string;
}

/** One case: the SQL baseline, then the API, back to back; its table row and, at 8 connections, its verdict. */
async function writeCase(
  kind: 'create' | 'update',
  workers: number,
  context: { pool: pg.Pool; company: Company; sql: ReturnType<typeof sqlWrites> },
  overHttp: ReturnType<typeof apiWrites>,
  apart?: ServerProcess,
): Promise<CaseResult> {
  const { pool, company, sql } = context;
  const ids = kind === 'update' ? await recordsPerWorker(pool, company, workers) : [];
  const where = apart ? ', server apart' : '';
  const viaSql = await measure(pool, workers, kind === 'create' ? sql.create : sql.update(ids));
  const viaApi = await measure(
    pool,
    workers,
    kind === 'create' ? overHttp.create : overHttp.update(ids),
    `${kind}-x${workers}${apart ? '-apart' : ''}`,
    apart,
  );
  const cpu = apart
    ? `${viaApi.serverCpuMs!.toFixed(2)} + ${viaApi.cpuMs.toFixed(2)}`
    : viaApi.cpuMs.toFixed(2);
  const row = [
    `${kind} ×${workers}${where}`,
    viaApi.perSecond.toFixed(0),
    formatMs(viaApi.latency.p50),
    formatMs(viaApi.latency.p99),
    cpu,
    databaseCpu(viaApi),
    viaSql.perSecond.toFixed(0),
    formatMs(viaSql.latency.p50),
    formatMs(viaSql.latency.p99),
    viaSql.cpuMs.toFixed(2),
    databaseCpu(viaSql),
    ratio(viaApi.perSecond, viaSql.perSecond),
  ];
  if (workers !== 8) return { row };
  return {
    row,
    verdict: `${kind}s with 8 connections${where} ≥ ${targets.perSecond}/s ${verdict(viaApi.perSecond >= targets.perSecond)} (${viaApi.perSecond.toFixed(0)}/s), ≥ ${targets.ofSql}× SQL ${verdict(viaApi.perSecond >= targets.ofSql * viaSql.perSecond)} (${ratio(viaApi.perSecond, viaSql.perSecond)})`,
  };
}

async function main(): Promise<void> {
  const database = await openBenchDatabase('crm_bench_writes');
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const clients: pg.Client[] = [];
  try {
    for (let i = 0; i < Math.max(...concurrencies); i++) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      clients.push(client);
    }
    console.log(
      `Writes: ${os.cpus().length} cores, PostgreSQL ${database.version}, ${caseMs / 1000} s per case after ${warmupMs / 1000} s of warm-up; load average ${loadAverage()} (anything else running shares these cores). The server runs ${serverBuild}.\n`,
    );
    const inProcess: CaseResult[] = [];
    const apartResults: CaseResult[] = [];

    // First the ×8 writes to a server in a process of its own, as in production: the client's work
    // (undici, reading answers) no longer runs on the server's one thread. It runs alone: with a
    // second server on the database each would notify the other of every write.
    const apart = await startServerProcess(database.url);
    let api: Api;
    let context: Parameters<typeof writeCase>[2];
    try {
      api = await signUp(apart.url);
      const company = await companyTable(pool, api);
      context = { pool, company, sql: sqlWrites(clients, company, api) };
      const client = keepAliveGraphQL(api, 8);
      for (const kind of ['create', 'update'] as const)
        apartResults.push(await writeCase(kind, 8, context, apiWrites(client), apart));
      client.close();
    } finally {
      await apart.close();
    }

    // Then the server in this process, the client beside it (as the other benchmarks run it).
    const server = await startBenchServer(database.url);
    try {
      const client = keepAliveGraphQL({ ...api, url: server.url }, Math.max(...concurrencies));
      const overHttp = apiWrites(client);
      for (const kind of ['create', 'update'] as const)
        for (const workers of concurrencies)
          inProcess.push(await writeCase(kind, workers, context, overHttp));
      console.log(
        markdownTable(
          [
            'case',
            'API/s',
            'API p50 ms',
            'API p99 ms',
            'API CPU ms/op',
            'PG CPU ms/op',
            'SQL/s',
            'SQL p50 ms',
            'SQL p99 ms',
            'SQL CPU ms/op',
            'PG CPU ms/op',
            'API ÷ SQL',
          ],
          [...inProcess, ...apartResults].map((result) => result.row),
        ),
      );
      console.log(
        `\nTargets (issue 12): ${[...inProcess, ...apartResults].flatMap((result) => result.verdict ?? []).join('; ')}.`,
      );
      console.log(`Load average at the end: ${loadAverage()}.`);
      // Counted last: the counter stays on the \`pg\` clients once installed.
      console.log(
        `\nRound trips per write:\n${await roundTrips(overHttp, await recordsPerWorker(pool, context.company, 1))}`,
      );
      client.close();
    } finally {
      await server.close();
    }
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await pool.end();
    await database.drop();
  }
}

await main();
