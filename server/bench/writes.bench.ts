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
import '../src/platform/node-env.js';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import {
  type Api,
  countStatements,
  formatMs,
  keepAliveGraphQL,
  markdownTable,
  openBenchDatabase,
  signUp,
  startBenchServer,
  drive,
  loadAverage,
  type Throughput,
  statementShape,
  startCpuProfile,
} from './lib.js';

const caseMs = Number(process.env.BENCH_WRITE_SECONDS ?? 8) * 1000;
const warmupMs = 1_000;
const concurrencies = [1, 8];
const targets = { perSecond: 1_000, ofSql: 0.5 };

async function measure(
  workers: number,
  op: (worker: number, i: number) => Promise<unknown>,
  profileAs?: string,
): Promise<Throughput> {
  await drive(workers, warmupMs, op);
  const folder = process.env.BENCH_PROFILE;
  if (!folder || !profileAs) return drive(workers, caseMs, op);
  const stop = await startCpuProfile(folder);
  const result = await drive(workers, caseMs, op);
  await stop(`writes-${profileAs}`);
  return result;
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

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const database = await openBenchDatabase('crm_bench_writes');
  try {
    const server = await startBenchServer(database.url);
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const clients = await Promise.all(
      Array.from({ length: Math.max(...concurrencies) }, async () => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        return client;
      }),
    );
    try {
      const api = await signUp(server.url);
      const company = await companyTable(pool, api);
      const sql = sqlWrites(clients, company, api);
      const client = keepAliveGraphQL(api, Math.max(...concurrencies));
      const overHttp = apiWrites(client);
      console.log(
        `Writes: ${os.cpus().length} cores, PostgreSQL ${database.version}, ${caseMs / 1000} s per case after ${warmupMs / 1000} s of warm-up; load average ${loadAverage()} (anything else running shares these cores).\n`,
      );
      const rows: string[][] = [];
      const verdicts: string[] = [];
      for (const kind of ['create', 'update'] as const) {
        for (const workers of concurrencies) {
          const ids = kind === 'update' ? await recordsPerWorker(pool, company, workers) : [];
          const viaSql = await measure(workers, kind === 'create' ? sql.create : sql.update(ids));
          const viaApi = await measure(
            workers,
            kind === 'create' ? overHttp.create : overHttp.update(ids),
            `${kind}-x${workers}`,
          );
          rows.push([
            `${kind} ×${workers}`,
            viaApi.perSecond.toFixed(0),
            formatMs(viaApi.latency.p50),
            formatMs(viaApi.latency.p99),
            viaApi.cpuMs.toFixed(2),
            viaSql.perSecond.toFixed(0),
            formatMs(viaSql.latency.p50),
            formatMs(viaSql.latency.p99),
            viaSql.cpuMs.toFixed(2),
            ratio(viaApi.perSecond, viaSql.perSecond),
          ]);
          if (workers === 8) {
            verdicts.push(
              `${kind}s with 8 connections ≥ ${targets.perSecond}/s ${verdict(viaApi.perSecond >= targets.perSecond)} (${viaApi.perSecond.toFixed(0)}/s), ≥ ${targets.ofSql}× SQL ${verdict(viaApi.perSecond >= targets.ofSql * viaSql.perSecond)} (${ratio(viaApi.perSecond, viaSql.perSecond)})`,
            );
          }
        }
      }
      console.log(
        markdownTable(
          [
            'case',
            'API/s',
            'API p50 ms',
            'API p99 ms',
            'API CPU ms/op',
            'SQL/s',
            'SQL p50 ms',
            'SQL p99 ms',
            'SQL CPU ms/op',
            'API ÷ SQL',
          ],
          rows,
        ),
      );
      console.log(`\nTargets (issue 12): ${verdicts.join('; ')}.`);
      console.log(`Load average at the end: ${loadAverage()}.`);
      // Counted last: the counter stays on the \`pg\` clients once installed.
      console.log(
        `\nRound trips per write:\n${await roundTrips(overHttp, await recordsPerWorker(pool, company, 1))}`,
      );
      client.close();
    } finally {
      await Promise.all(clients.map((c) => c.end()));
      await pool.end();
      await server.close();
    }
  } finally {
    await database.drop();
  }
}

await main();
