// Automation (issue 15): what active rules cost the write path, and how fast rules run.
//
//   pnpm --filter @crm/server run bench:automation
//   BENCH_AUTOMATION_SECONDS=10 …   seconds per write case (default 8)
//   BENCH_AUTOMATION_RUNS=2000 …    records created for the rule-run case (default 2,000)
//   BENCH_AUTOMATION_ONLY=backlog …  only the rule runs from a backlog (profiling)
//   BENCH_PROFILE=<folder> …         a CPU profile of the server while the backlog drains
//                                    (bench/profile-summary.ts reads it), and its statements
//
// 1. `createCompany` with 8 connections in a workspace without rules, then in one with 20
//    active rules on companies (created-record rules whose condition does not match, so the
//    dispatcher evaluates all 20 on every change and starts nothing): the throughput ratio.
// 2. A rule creating a task for every new company: N companies created as fast as 8
//    connections go, then the time until every task exists — rule runs/s sustained — and,
//    per record, change commit → the task's transaction (both read from the change log).
//    Then the same from a backlog: the dispatcher held until the N companies are in, so the
//    runs/s are the pipeline's alone (on 2 cores the creates take CPU the runs would use).
//    CPU per run from the process's and PostgreSQL's counters (/proc).
import '../src/platform/node-env.js';
import os from 'node:os';
import pg from 'pg';
import {
  databaseCpuSeconds,
  countStatements,
  drive,
  formatMs,
  graphql,
  keepAliveGraphQL,
  loadAverage,
  markdownTable,
  signUp,
  statementShape,
  summarize,
  withBenchServer,
  type Api,
  startCpuProfile,
} from './lib.js';

const caseMs = Number(process.env.BENCH_AUTOMATION_SECONDS ?? 8) * 1000;
const runCount = Number(process.env.BENCH_AUTOMATION_RUNS ?? 2000);
const workers = 8;
const targets = { writeCost: 0.1, runsPerSecond: 500 };
const profileFolder = process.env.BENCH_PROFILE;
const statements = profileFolder ? countStatements() : null;

/** With BENCH_PROFILE, a CPU profile of this process (the server) from now to `stop`. */
async function startProfile() {
  if (!profileFolder) return undefined;
  const stop = await startCpuProfile(profileFolder);
  statements?.take();
  return async (name: string) => {
    await stop(name);
    const shapes = new Map<string, number>();
    for (const text of statements!.take()) {
      // Savepoint names differ by a counter.
      const shape = statementShape(text.replace(/trx\d+/g, 'trx'));
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    }
    console.error(
      `Statements per run:\n${[...shapes]
        .sort((a, b) => b[1] - a[1])
        .map(([shape, n]) => `${(n / runCount).toFixed(3).padStart(7)}  ${shape}`)
        .join('\n')}`,
    );
  };
}

const createRule = `mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }`;
const createCompany = `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`;

async function writeRate(api: Api): Promise<number> {
  const client = keepAliveGraphQL(api, workers);
  const op = (worker: number, i: number) => client.post(createCompany, { name: `Bench ${worker}-${i}` });
  await drive(workers, 1_000, op);
  const result = await drive(workers, caseMs, op);
  client.close();
  return result.perSecond;
}

async function settle(pool: pg.Pool, ruleId: string, expected: number): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from automation_run where rule_id = $1 and finished_at is not null`,
      [ruleId],
    );
    if (rows[0]!.n >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A rule creating a task for each of `runCount` new companies, created by 8 connections. With
 * `backlog`, the bench holds the dispatcher's cursor (a row lock its batch waits for) until the
 * last company is in, so the runs go as fast as the pipeline alone: timed from the release.
 */
async function ruleRuns(url: string, pool: pg.Pool, backlog: boolean) {
  const api = await signUp(url);
  const { data } = await graphql<{ createAutomationRule: { id: string } }>(api, createRule, {
    input: {
      name: 'Task per company',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [
        {
          type: 'CREATE_RECORD',
          object: 'task',
          values: { name: { template: 'Call {{ record.name }}' }, company: { fromField: 'id' } },
        },
      ],
    },
  });
  const ruleId = data.createAutomationRule.id;
  const hold = backlog ? await pool.connect() : null;
  if (hold) {
    await hold.query('begin');
    await hold.query(
      `select 1 from change_consumer_cursor where workspace_id = $1 and consumer = 'automation' for update`,
      [api.workspaceId],
    );
  }
  const client = keepAliveGraphQL(api, workers);
  let serverCpu = process.cpuUsage();
  let databaseCpu = await databaseCpuSeconds(pool);
  let created = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (created < runCount) await client.post(createCompany, { name: `Run ${worker}-${created++}` });
    }),
  );
  client.close();
  let released = 0;
  const profile = hold ? await startProfile() : undefined;
  if (hold) {
    serverCpu = process.cpuUsage();
    databaseCpu = await databaseCpuSeconds(pool);
    released = Date.now();
    await hold.query('commit');
    hold.release();
  }
  await settle(pool, ruleId, runCount);
  const serverUsed = process.cpuUsage(serverCpu);
  await profile?.('automation-backlog');
  const databaseUsed = databaseCpu === null ? null : (await databaseCpuSeconds(pool))! - databaseCpu;
  const perRun = (seconds: number) => `${((seconds * 1000) / runCount).toFixed(2)} ms`;
  const schema = `"ws_${api.workspaceId.replace(/-/g, '')}"`;
  const { rows } = await pool.query<{ ms: number; created: Date; done: Date }>(
    `select extract(epoch from (t.created_at - c.created_at)) * 1000 as ms, c.created_at as created, t.created_at as done
     from ${schema}.record_change c
     join ${schema}.record_change t on t.kind = 'create' and t.actor_id = $1 and t.changes->'company'->>1 = c.record_id::text
     where c.kind = 'create' and c.actor_id = $2`,
    [ruleId, api.userId],
  );
  const first = Math.min(...rows.map((r) => r.created.getTime()));
  const lastCreate = Math.max(...rows.map((r) => r.created.getTime()));
  const end = Math.max(...rows.map((r) => r.done.getTime()));
  return {
    perSecond: (rows.length / (end - (backlog ? released : first))) * 1000,
    // The runs go no faster than the creates causing them.
    createRate: (rows.length / (lastCreate - first)) * 1000,
    latency: summarize(rows.map((r) => Number(r.ms))),
    serverCpu: perRun((serverUsed.user + serverUsed.system) / 1e6),
    databaseCpu: databaseUsed === null ? 'n/a' : perRun(databaseUsed),
  };
}

async function main(): Promise<void> {
  await withBenchServer('crm_bench_automation', async (server, database) => {
    const pool = new pg.Pool({ connectionString: database.url, max: 3 });
    try {
      console.log(
        `Automation: ${os.cpus().length} cores, PostgreSQL ${database.version}, ${caseMs / 1000} s per write case, ${runCount} rule runs; load average ${loadAverage()}.\n`,
      );
      if (process.env.BENCH_AUTOMATION_ONLY === 'backlog') {
        const drained = await ruleRuns(server.url, pool, true);
        console.log(
          markdownTable(
            ['case', 'figure'],
            [
              [`rule runs from a backlog of ${runCount}`, `${drained.perSecond.toFixed(0)}/s`],
              ['  CPU per run: server process', drained.serverCpu],
              ['  CPU per run: PostgreSQL', drained.databaseCpu],
            ],
          ),
        );
        console.log(`Load average at the end: ${loadAverage()}.`);
        return;
      }
      // 1. The write path with 0 and with 20 active rules.
      const plain = await signUp(server.url);
      const ruled = await signUp(server.url);
      for (let i = 0; i < 20; i++) {
        await graphql(ruled, createRule, {
          input: {
            name: `Quiet rule ${i}`,
            objectKey: 'company',
            trigger: { kind: 'RECORD_CREATED' },
            condition: { name: { eq: `never ${i}` } },
            actions: [{ type: 'UPDATE_RECORD', values: { industry: { value: 'x' } } }],
          },
        });
      }
      const without = await writeRate(plain);
      const withRules = await writeRate(ruled);
      const cost = 1 - withRules / without;

      // 2. Rule runs: a task for every new company, as the creates come, then from a backlog.
      const sustained = await ruleRuns(server.url, pool, false);
      const drained = await ruleRuns(server.url, pool, true);
      console.log(
        markdownTable(
          ['case', 'figure'],
          [
            ['createCompany ×8, no rules', `${without.toFixed(0)}/s`],
            ['createCompany ×8, 20 active rules', `${withRules.toFixed(0)}/s`],
            ['write throughput lost to 20 rules', `${(cost * 100).toFixed(1)}%`],
            [`rule runs (create a task) as ${runCount} creates come`, `${sustained.perSecond.toFixed(0)}/s`],
            ['  companies created meanwhile (the runs’ cause)', `${sustained.createRate.toFixed(0)}/s`],
            ['  change commit → task committed p50', `${formatMs(sustained.latency.p50)} ms`],
            ['  change commit → task committed p99', `${formatMs(sustained.latency.p99)} ms`],
            ['  CPU per run and its create: server process', sustained.serverCpu],
            ['  CPU per run and its create: PostgreSQL', sustained.databaseCpu],
            [
              `rule runs from a backlog of ${runCount} (no creates meanwhile)`,
              `${drained.perSecond.toFixed(0)}/s`,
            ],
            ['  CPU per run: server process', drained.serverCpu],
            ['  CPU per run: PostgreSQL', drained.databaseCpu],
          ],
        ),
      );
      console.log(
        `\nTargets (issue 15): ≤ ${targets.writeCost * 100}% write cost ${cost <= targets.writeCost ? 'met' : 'NOT met'}; ≥ ${targets.runsPerSecond} runs/s ${sustained.perSecond >= targets.runsPerSecond ? 'met' : 'NOT met'} (${drained.perSecond >= targets.runsPerSecond ? 'met' : 'NOT met'} from a backlog).`,
      );
      console.log(`Load average at the end: ${loadAverage()}.`);
    } finally {
      await pool.end();
    }
  });
}

await main();
process.exit(0);
