// Automation (issue 15): what active rules cost the write path, and how fast rules run.
//
//   pnpm --filter @crm/server run bench:automation
//   BENCH_AUTOMATION_SECONDS=10 …   seconds per write case (default 8)
//   BENCH_AUTOMATION_RUNS=2000 …    records created for the rule-run case (default 2,000)
//
// 1. `createCompany` with 8 connections in a workspace without rules, then in one with 20
//    active rules on companies (created-record rules whose condition does not match, so the
//    dispatcher evaluates all 20 on every change and starts nothing): the throughput ratio.
// 2. A rule creating a task for every new company: N companies created as fast as 8
//    connections go, then the time until every task exists — rule runs/s sustained — and,
//    per record, change commit → the task's transaction (both read from the change log).
import '../src/platform/node-env.js';
import os from 'node:os';
import pg from 'pg';
import {
  drive,
  formatMs,
  graphql,
  keepAliveGraphQL,
  loadAverage,
  markdownTable,
  signUp,
  summarize,
  withBenchServer,
  type Api,
} from './lib.js';

const caseMs = Number(process.env.BENCH_AUTOMATION_SECONDS ?? 8) * 1000;
const runCount = Number(process.env.BENCH_AUTOMATION_RUNS ?? 2000);
const workers = 8;
const targets = { writeCost: 0.1, runsPerSecond: 500 };

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

async function main(): Promise<void> {
  await withBenchServer('crm_bench_automation', async (server, database) => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      console.log(
        `Automation: ${os.cpus().length} cores, PostgreSQL ${database.version}, ${caseMs / 1000} s per write case, ${runCount} rule runs; load average ${loadAverage()}.\n`,
      );
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

      // 2. Rule runs: a task for every new company.
      const runs = await signUp(server.url);
      const { data } = await graphql<{ createAutomationRule: { id: string } }>(runs, createRule, {
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
      const client = keepAliveGraphQL(runs, workers);
      let created = 0;
      await Promise.all(
        Array.from({ length: workers }, async (_, worker) => {
          while (created < runCount) await client.post(createCompany, { name: `Run ${worker}-${created++}` });
        }),
      );
      client.close();
      await settle(pool, ruleId, runCount);
      const schema = `"ws_${runs.workspaceId.replace(/-/g, '')}"`;
      const { rows } = await pool.query<{ ms: number; first: Date; last: Date }>(
        `select extract(epoch from (t.created_at - c.created_at)) * 1000 as ms, c.created_at as first, t.created_at as last
         from ${schema}.record_change c
         join ${schema}.record_change t on t.kind = 'create' and t.actor_id = $1 and t.changes->'company'->>1 = c.record_id::text
         where c.kind = 'create' and c.actor_id = $2`,
        [ruleId, runs.userId],
      );
      const latency = summarize(rows.map((r) => Number(r.ms)));
      const start = Math.min(...rows.map((r) => r.first.getTime()));
      const end = Math.max(...rows.map((r) => r.last.getTime()));
      const perSecond = (rows.length / (end - start)) * 1000;
      console.log(
        markdownTable(
          ['case', 'figure'],
          [
            ['createCompany ×8, no rules', `${without.toFixed(0)}/s`],
            ['createCompany ×8, 20 active rules', `${withRules.toFixed(0)}/s`],
            ['write throughput lost to 20 rules', `${(cost * 100).toFixed(1)}%`],
            [`rule runs (create a task), ${rows.length} records`, `${perSecond.toFixed(0)}/s`],
            ['change commit → task committed p50', `${formatMs(latency.p50)} ms`],
            ['change commit → task committed p99', `${formatMs(latency.p99)} ms`],
          ],
        ),
      );
      console.log(
        `\nTargets (issue 15): ≤ ${targets.writeCost * 100}% write cost ${cost <= targets.writeCost ? 'met' : 'NOT met'}; ≥ ${targets.runsPerSecond} runs/s ${perSecond >= targets.runsPerSecond ? 'met' : 'NOT met'}.`,
      );
      console.log(`Load average at the end: ${loadAverage()}.`);
    } finally {
      await pool.end();
    }
  });
}

await main();
process.exit(0);
