import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, TestClient, type SignedUpUser } from '../support/client.js';
import ExcelJS from 'exceljs';
import { addFields, columnOf, expectBadInput, expectCode, tableOf } from '../support/records.js';
import { newServer, useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Reports over the standard deal object: grouped totals against direct SQL, date buckets in a
// time zone, drill-down, dashboards refreshed live, exports, and input refused naming its part.

// Every rollable report is kept as a rollup here, however few its records (reports/rollup.ts),
// and the rows written since a rollup's build move from its `q` into `p` after every 4 changed
// records: the reads below meet rows in both.
// REPORT_REFRESH_SHARE 100: a dashboard left open refreshes within ≈3 s whatever the machine's load
// (see matchesDirect), not after a gap that grows with what its last refresh cost.
const server = useServer({
  REPORT_ROLLUP_MIN_ROWS: '0',
  REPORT_ROLLUP_MERGE_ROWS: '4',
  REPORT_REFRESH_SHARE: '100',
});
let owner: SignedUpUser;
let viewer: SignedUpUser;
let db: pg.Client;
const sockets: Client[] = [];

const result = `columns { key kind label bucket measure } rows { keys labels values currency } totals { values currency } truncated timeZone`;
const runReport = `query ($d: ReportDefinitionInput!) { runReport(definition: $d) { ${result} } }`;
const createReport = `mutation ($input: CreateReportInput!) { createReport(input: $input) { id name object editable definition { object timeZone groupBy { field bucket } } } }`;
const drill = `query ($id: ID, $d: ReportDefinitionInput, $keys: [String]!, $currency: String) { reportDrillDown(id: $id, definition: $d, keys: $keys, currency: $currency) { object filter } }`;
const createDeal = `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`;
const dealsQuery = `query ($filter: DealFilter) { deals(filter: $filter, first: 500) { totalCount nodes { id } } }`;

interface Row {
  keys: (string | null)[];
  labels: (string | null)[];
  values: (number | null)[];
  currency: string | null;
}

const deals = [
  { name: 'A', stage: 'lead', amount: 100, currency: 'USD', closeDate: '2026-01-15' },
  { name: 'B', stage: 'lead', amount: 250.5, currency: 'USD', closeDate: '2026-01-31' },
  { name: 'C', stage: 'won', amount: 1000, currency: 'USD', closeDate: '2026-02-01' },
  { name: 'D', stage: 'won', amount: 40, currency: 'EUR', closeDate: '2026-02-10' },
  { name: 'E', stage: 'proposal', amount: 70, currency: 'USD', closeDate: null },
];

beforeAll(async () => {
  owner = await newUser(server);
  viewer = await newMember(server, owner, 'VIEWER');
  for (const d of deals) {
    await owner.client.data(createDeal, {
      input: {
        name: d.name,
        stage: d.stage,
        amount: { amount: d.amount, currency: d.currency },
        closeDate: d.closeDate,
      },
    });
  }
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
  await db.end();
});

const byStageMonth = {
  object: 'deal',
  groupBy: [{ field: 'stage' }, { field: 'closeDate', bucket: 'MONTH' }],
  measures: [{ kind: 'COUNT' }, { kind: 'SUM', field: 'amount' }, { kind: 'WEIGHTED', field: 'amount' }],
};

async function dealColumns(user = owner) {
  const { object } = await user.client.data<{
    object: { id: string; fields: { id: string; key: string }[] };
  }>(`{ object(key: "deal") { id fields { id key } } }`);
  const col = (key: string) => columnOf(object.fields.find((f) => f.key === key)!.id);
  return {
    table: tableOf(user.workspaceId, object.id),
    stage: col('stage'),
    amount: col('amount'),
    close: col('closeDate'),
  };
}

async function run(definition: Record<string, unknown>, user = owner) {
  return (await user.client.data<{ runReport: { rows: Row[]; totals: Row[] } }>(runReport, { d: definition }))
    .runReport;
}

async function drillDown(variables: Record<string, unknown>) {
  const { reportDrillDown } = await owner.client.data<{
    reportDrillDown: { object: string; filter: unknown };
  }>(drill, variables);
  const { deals: found } = await owner.client.data<{
    deals: { totalCount: number; nodes: { id: string }[] };
  }>(dealsQuery, { filter: reportDrillDown.filter });
  return found;
}

describe('running a report', () => {
  it('groups by stage and month with sums per currency equal to direct SQL', async () => {
    const r = await run(byStageMonth);
    const c = await dealColumns();
    const direct = await db.query<{
      stage: string;
      month: string | null;
      cur: string;
      n: string;
      total: string;
    }>(
      `select ${c.stage} as stage, date_trunc('month', ${c.close})::date::text as month, ${c.amount}_currency as cur,
              count(*) as n, sum(${c.amount}) as total
       from ${c.table} where deleted_at is null group by 1, 2, 3`,
    );
    expect(r.rows).toHaveLength(direct.rows.length);
    for (const d of direct.rows) {
      const row = r.rows.find((x) => x.keys[0] === d.stage && x.keys[1] === d.month && x.currency === d.cur)!;
      expect(row.values[0]).toBe(Number(d.n));
      expect(row.values[1]).toBeCloseTo(Number(d.total), 2);
    }
    expect(r.totals.find((t) => t.currency === 'USD')!.values[1]).toBeCloseTo(100 + 250.5 + 1000 + 70, 2);
    expect(r.totals.find((t) => t.currency === 'EUR')!.values[1]).toBeCloseTo(40, 2);
    const leadJan = r.rows.find((row) => row.keys[0] === 'lead' && row.keys[1] === '2026-01-01')!;
    expect(leadJan.labels[0]).toBe('Lead');
    expect(leadJan.values[2]).toBeCloseTo(35.05, 2); // weighted by the stage's 10 %
    // Stages in pipeline order, months ascending.
    expect(r.rows.map((row) => row.keys[0])).toEqual(['lead', 'proposal', 'won', 'won']);
  });

  it('buckets DATETIME values in the report’s time zone and drills down to the bucket’s records', async () => {
    const createTask = `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`;
    // 02:30 UTC on 1 March is still 28 February in New York.
    const late = await owner.client.data<{ createTask: { id: string } }>(createTask, {
      input: { name: 'Late call', dueAt: '2026-03-01T02:30:00Z' },
    });
    await owner.client.data(createTask, { input: { name: 'March call', dueAt: '2026-03-02T15:00:00Z' } });
    const definition = {
      object: 'task',
      groupBy: [{ field: 'dueAt', bucket: 'MONTH' }],
      measures: [{ kind: 'COUNT' }],
      filter: { dueAt: { isEmpty: false } },
    };
    const ny = await run({ ...definition, timeZone: 'America/New_York' });
    expect(ny.rows.map((r) => [r.keys[0], r.values[0]])).toEqual([
      ['2026-02-01', 1],
      ['2026-03-01', 1],
    ]);
    const utc = await run({ ...definition, timeZone: 'UTC' });
    expect(utc.rows.map((r) => [r.keys[0], r.values[0]])).toEqual([['2026-03-01', 2]]);

    const { reportDrillDown } = await owner.client.data<{
      reportDrillDown: { object: string; filter: unknown };
    }>(drill, { d: { ...definition, timeZone: 'America/New_York' }, keys: ['2026-02-01'] });
    expect(reportDrillDown.object).toBe('task');
    const { tasks } = await owner.client.data<{ tasks: { nodes: { id: string }[] } }>(
      `query ($filter: TaskFilter) { tasks(filter: $filter) { nodes { id } } }`,
      { filter: reportDrillDown.filter },
    );
    expect(tasks.nodes.map((t) => t.id)).toEqual([late.createTask.id]);
  });

  it('drills down from a saved report’s cell to exactly its records, empty keys included', async () => {
    const { createReport: saved } = await owner.client.data<{ createReport: { id: string } }>(createReport, {
      input: { name: 'By stage and month', definition: byStageMonth },
    });
    const r = await run(byStageMonth);
    for (const row of r.rows) {
      // A cell of a per-currency total holds that currency's records only…
      const found = await drillDown({ id: saved.id, keys: row.keys, currency: row.currency });
      expect(found.totalCount).toBe(row.values[0]);
      // …and without a currency, the key's records in every currency.
      const all = await drillDown({ id: saved.id, keys: row.keys });
      const perCurrency = r.rows.filter((x) => x.keys.join() === row.keys.join());
      expect(all.totalCount).toBe(perCurrency.reduce((n, x) => n + x.values[0]!, 0));
    }
    // February's won deals are one in USD and one in EUR: the EUR cell is D alone.
    const eur = await drillDown({ id: saved.id, keys: ['won', '2026-02-01'], currency: 'EUR' });
    expect(eur.totalCount).toBe(1);
    const undated = await drillDown({ id: saved.id, keys: ['proposal', null] });
    expect(undated.totalCount).toBe(1);
  });

  it('reports on related records one hop away and on members', async () => {
    const byOwner = await run({
      object: 'deal',
      groupBy: [{ field: 'owner' }],
      measures: [{ kind: 'COUNT' }],
    });
    expect(byOwner.rows).toHaveLength(1);
    expect(byOwner.rows[0]!.keys[0]).toBe(owner.userId);
    expect(byOwner.rows[0]!.labels[0]).toBeTruthy();
    const byIndustry = await run({
      object: 'deal',
      groupBy: [{ field: 'company.industry' }],
      measures: [{ kind: 'COUNT' }, { kind: 'DISTINCT', field: 'stage' }],
    });
    expect(byIndustry.rows).toEqual([{ keys: [null], labels: [null], values: [5, 3], currency: null }]);
  });
});

describe('currency filter', () => {
  it('a saved view and a report keep a currency condition, and the report counts only that currency', async () => {
    const filter = { amount: { currency: 'EUR' } };
    const { createView } = await owner.client.data<{ createView: { id: string } }>(
      `mutation ($input: CreateViewInput!) { createView(input: $input) { id } }`,
      { input: { object: 'deal', name: 'Euro deals', type: 'TABLE', filter } },
    );
    const { view } = await owner.client.data<{ view: { filter: unknown } }>(
      `query ($id: ID!) { view(id: $id) { filter } }`,
      { id: createView.id },
    );
    expect(view.filter).toEqual(filter);

    const definition = { object: 'deal', filter, measures: [{ kind: 'COUNT' }] };
    const { createReport: saved } = await owner.client.data<{ createReport: { id: string } }>(
      `mutation ($input: CreateReportInput!) { createReport(input: $input) { id } }`,
      { input: { name: 'Euro count', definition } },
    );
    const { report } = await owner.client.data<{ report: { definition: { filter: unknown } } }>(
      `query ($id: ID!) { report(id: $id) { definition { filter } } }`,
      { id: saved.id },
    );
    expect(report.definition.filter).toEqual(filter);
    const { deals: euros } = await owner.client.data<{ deals: { totalCount: number } }>(dealsQuery, {
      filter,
    });
    const { reportResult } = await owner.client.data<{ reportResult: { totals: Row[] } }>(
      `query ($id: ID!) { reportResult(id: $id) { totals { values } } }`,
      { id: saved.id },
    );
    expect(euros.totalCount).toBeGreaterThan(0);
    expect(reportResult.totals[0]!.values).toEqual([euros.totalCount]);
  });
});

describe('bad input', () => {
  it('names the part: a measure on a text field, an archived group-by, an unknown object, a viewer sharing', async () => {
    const bad = (d: Record<string, unknown>) => owner.client.request(runReport, { d });
    expectBadInput(await bad({ object: 'deal', measures: [{ kind: 'SUM', field: 'name' }] }), [
      'definition',
      'measures',
      '0',
      'field',
    ]);
    const { budget } = await addFields(owner.client, 'deal', [{ key: 'budget', type: 'NUMBER' }]);
    await owner.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: budget });
    const archived = await bad({
      object: 'deal',
      groupBy: [{ field: 'budget' }],
      measures: [{ kind: 'COUNT' }],
    });
    expectBadInput(archived, ['definition', 'groupBy', '0', 'field']);
    expect(archived.body.errors![0]!.message).toMatch(/archived/);
    expectBadInput(await bad({ object: 'nothing', measures: [{ kind: 'COUNT' }] }), ['definition', 'object']);
    expectBadInput(
      await bad({ object: 'deal', measures: [{ kind: 'COUNT' }], filter: { amount: { within: {} } } }),
      ['definition', 'filter', 'amount', 'within'],
    );
    const shared = await viewer.client.request(createReport, {
      input: { name: 'Mine', shared: true, definition: byStageMonth },
    });
    expectCode(shared, 'FORBIDDEN');
  });
});

describe('dashboards', () => {
  it('tells a subscriber which widget changed after a record write, and applies its member filter', async () => {
    const { createReport: saved } = await owner.client.data<{ createReport: { id: string } }>(createReport, {
      input: { name: 'Amount by month', shared: true, definition: byStageMonth },
    });
    const { createDashboard } = await owner.client.data<{
      createDashboard: { id: string; widgets: { id: string }[] };
    }>(`mutation ($input: CreateDashboardInput!) { createDashboard(input: $input) { id widgets { id } } }`, {
      input: {
        name: 'Sales',
        shared: true,
        widgets: [{ reportId: saved.id, chart: 'BAR', x: 0, y: 0, w: 12, h: 6 }],
        filters: { members: [viewer.userId] },
      },
    });
    const filtered = await viewer.client.data<{ reportResult: { totals: Row[] } }>(
      `query ($id: ID!, $dashboard: ID) { reportResult(id: $id, dashboard: $dashboard) { totals { values } } }`,
      { id: saved.id, dashboard: createDashboard.id },
    );
    expect(filtered.reportResult.totals.reduce((n, t) => n + t.values[0]!, 0)).toBe(0);

    const { client } = newSocketClient(server, {
      cookie: viewer.client.cookie,
      workspaceId: viewer.workspaceId,
    });
    sockets.push(client);
    const events = collect<{ dashboardRefresh: { widgetIds: string[]; reason: string } }>(
      client,
      `subscription ($id: ID!) { dashboardRefresh(id: $id) { widgetIds reportIds reason } }`,
      { id: createDashboard.id },
    );
    // A subscription is not acknowledged: write until one write is seen.
    let n = 0;
    await eventually(async () => {
      if (events.results.length) return true;
      await owner.client.data(createDeal, { input: { name: `Live ${++n}`, stage: 'lead' } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return events.results.length > 0;
    }, 30_000);
    expect(events.results[0]!.data!.dashboardRefresh).toEqual({
      widgetIds: [createDashboard.widgets[0]!.id],
      reportIds: [saved.id],
      reason: 'DATA',
    });
  });
  it('refreshes at once, from a changeCursor read with the dashboard, the widgets whose records changed before the subscription', async () => {
    const { createReport: saved } = await owner.client.data<{ createReport: { id: string } }>(createReport, {
      input: { name: 'Resumed', shared: true, definition: byStageMonth },
    });
    const { createDashboard } = await owner.client.data<{
      createDashboard: { id: string; widgets: { id: string }[] };
    }>(`mutation ($input: CreateDashboardInput!) { createDashboard(input: $input) { id widgets { id } } }`, {
      input: {
        name: 'Resumed floor',
        shared: true,
        widgets: [{ reportId: saved.id, chart: 'BAR', x: 0, y: 0, w: 12, h: 6 }],
      },
    });
    const { changeCursor } = await owner.client.data<{ changeCursor: string }>(
      `query ($id: ID!) { dashboard(id: $id) { id } changeCursor }`,
      { id: createDashboard.id },
    );
    // Nobody listens yet: the deal a dashboard would miss between its read and its subscription.
    await owner.client.data(createDeal, {
      input: {
        name: 'Missed deal',
        stage: 'lead',
        closeDate: '2026-05-10',
        amount: { amount: 777, currency: 'USD' },
      },
    });
    const now = await owner.client.data<{ reportResult: { totals: Row[] } }>(
      `query ($id: ID!, $dashboard: ID) { reportResult(id: $id, dashboard: $dashboard) { totals { values } } }`,
      { id: saved.id, dashboard: createDashboard.id },
    );

    const { client } = newSocketClient(server, {
      cookie: owner.client.cookie,
      workspaceId: owner.workspaceId,
    });
    sockets.push(client);
    const resumed = `subscription ($id: ID!, $after: String) {
      dashboardRefresh(id: $id, after: $after) { widgetIds reason results { widgetId result { totals { values } } } } }`;
    const refused = collect(client, resumed, { id: createDashboard.id, after: 'not a cursor' });
    await eventually(() => refused.results.length > 0 || !!refused.error());
    expect(refused.results[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['after'],
    });
    const events = collect<{
      dashboardRefresh: {
        widgetIds: string[];
        reason: string;
        results: { widgetId: string; result: unknown }[];
      };
    }>(client, resumed, { id: createDashboard.id, after: changeCursor });
    // No write after the subscription: this event can only be the catch-up.
    await eventually(() => events.results.length > 0);
    const widgetId = createDashboard.widgets[0]!.id;
    expect(events.results[0]!.data!.dashboardRefresh).toEqual({
      widgetIds: [widgetId],
      reason: 'DATA',
      results: [{ widgetId, result: now.reportResult }],
    });
    events.stop();
  });
});

describe('export', () => {
  it('gives CSV and XLSX whose totals equal the report’s', async () => {
    const { createReport: saved } = await owner.client.data<{ createReport: { id: string } }>(createReport, {
      input: { name: 'Export me', definition: { ...byStageMonth, groupBy: [{ field: 'stage' }] } },
    });
    const { reportResult } = await owner.client.data<{ reportResult: { rows: Row[]; totals: Row[] } }>(
      `query ($id: ID!) { reportResult(id: $id) { rows { keys labels values currency } totals { values currency } } }`,
      { id: saved.id },
    );
    const download = async (ext: string) => {
      const response = await fetch(
        `${server.url}/export/reports/${saved.id}.${ext}?workspace=${owner.workspaceId}`,
        {
          headers: { cookie: owner.client.cookie! },
        },
      );
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const csv = (await download('csv'))
      .toString('utf8')
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(','));
    expect(csv[0]).toEqual(['Stage', 'Currency', 'Count', 'SUM Amount', 'WEIGHTED Amount']);
    const usdRows = csv.slice(1).filter((line) => line[0] !== 'Total' && line[1] === 'USD');
    const usdTotal = reportResult.totals.find((t) => t.currency === 'USD')!;
    expect(usdRows.reduce((sum, line) => sum + Number(line[3]), 0)).toBeCloseTo(usdTotal.values[1]!, 2);
    expect(csv.find((line) => line[0] === 'Total' && line[1] === 'USD')![3]).toBe(String(usdTotal.values[1]));

    const workbook = new ExcelJS.Workbook();
    const xlsx = await download('xlsx');
    await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength));
    const sheet = workbook.worksheets[0]!;
    const cells: unknown[][] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1)));
    expect(
      cells
        .slice(1)
        .filter((r) => r[0] !== 'Total' && r[1] === 'USD')
        .reduce((n, r) => n + Number(r[3]), 0),
    ).toBeCloseTo(usdTotal.values[1]!, 2);

    // A schedule queues the report by mail (attached: mail-attachments.test.ts); its job is made due now.
    await owner.client.data(
      `mutation ($id: ID!, $s: ReportScheduleInput) { setReportSchedule(id: $id, schedule: $s) { schedule { frequency } } }`,
      { id: saved.id, s: { frequency: 'WEEKLY', hour: 7, recipients: ['boss@example.com'] } },
    );
    await db.query(`update graphile_worker._private_jobs set run_at = now() where key = $1`, [
      `report-schedule:${saved.id}`,
    ]);
    await eventually(async () => {
      const mail = await db.query<{ attachments: { name: string; content: string }[] }>(
        `select attachments from mail_message where to_address = 'boss@example.com' and subject like 'Export me%'`,
      );
      return mail.rows.some((m) =>
        m.attachments.some((a) => Buffer.from(a.content, 'base64').toString('utf8').includes('Total,USD,')),
      );
    }, 30_000);
    const next = await db.query<{ run_at: Date }>(
      `select run_at from graphile_worker._private_jobs where key = $1`,
      [`report-schedule:${saved.id}`],
    );
    expect(next.rows[0]!.run_at.getTime()).toBeGreaterThan(Date.now());

    const anonymous = await fetch(
      `${server.url}/export/reports/${saved.id}.csv?workspace=${owner.workspaceId}`,
    );
    expect(anonymous.status).toBe(401);
  });
});

describe('pipeline analytics', () => {
  it('answers the funnel with win rate, time in stage and sales cycle', async () => {
    const data = await owner.client.data<{
      stageFunnel: {
        stages: { stage: string; reached: number }[];
        won: number;
        lost: number;
        winRate: number;
      };
      stageDurations: { stage: string; visits: number }[];
      salesCycle: { outcome: string; count: number }[];
    }>(`{
      stageFunnel(object: "deal") { stages { stage reached conversion } won lost winRate }
      stageDurations(object: "deal") { stage visits averageSeconds }
      salesCycle(object: "deal") { outcome count averageDays }
    }`);
    const reached = Object.fromEntries(data.stageFunnel.stages.map((s) => [s.stage, s.reached]));
    expect(reached.won).toBe(2);
    expect(reached.lead).toBeGreaterThanOrEqual(5);
    expect(data.stageFunnel.winRate).toBe(100);
    expect(data.stageDurations.find((s) => s.stage === 'won')!.visits).toBe(2);
    expect(data.salesCycle.find((s) => s.outcome === 'WON')!.count).toBe(2);
  });
});

describe('rollups', () => {
  it('keeps a rolled-up report equal to a fresh full query after creates, updates, deletes and stage moves', async () => {
    const definition = {
      ...byStageMonth,
      measures: [
        { kind: 'COUNT' },
        { kind: 'SUM', field: 'amount' },
        { kind: 'AVG', field: 'amount' },
        { kind: 'MIN', field: 'amount' },
        { kind: 'MAX', field: 'amount' },
      ],
    };
    const c = await dealColumns();
    // The same answer as direct SQL; polled, since a dashboard still open in this process may
    // serve its cached result for one more refresh (≈3 s, live.ts).
    const matchesDirect = async () => {
      const r = await run(definition);
      const direct = await db.query<{
        stage: string;
        month: string | null;
        cur: string | null;
        n: string;
        total: number | null;
        avg: number | null;
        min: number | null;
        max: number | null;
      }>(
        `select ${c.stage} as stage, date_trunc('month', ${c.close})::date::text as month, ${c.amount}_currency as cur,
                count(*) as n, sum(${c.amount})::float8 as total, avg(${c.amount})::float8 as avg,
                min(${c.amount})::float8 as min, max(${c.amount})::float8 as max
         from ${c.table} where deleted_at is null group by 1, 2, 3`,
      );
      const same =
        r.rows.length === direct.rows.length &&
        direct.rows.every((d) => {
          const row = r.rows.find(
            (x) => x.keys[0] === d.stage && x.keys[1] === d.month && x.currency === d.cur,
          );
          return JSON.stringify(row?.values) === JSON.stringify([Number(d.n), d.total, d.avg, d.min, d.max]);
        });
      return same ? r : null;
    };
    const expectDirect = async () => {
      let r: Awaited<ReturnType<typeof matchesDirect>> = null;
      await eventually(async () => (r = await matchesDirect()) !== null, 60_000);
      return r!;
    };
    const create = async (input: Record<string, unknown>) =>
      (await owner.client.data<{ createDeal: { id: string } }>(createDeal, { input })).createDeal.id;
    const update = (id: string, input: Record<string, unknown>) =>
      owner.client.data(
        `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
        { id, input },
      );
    const remove = (id: string) =>
      owner.client.data(`mutation ($id: ID!) { deleteDeal(id: $id) { id } }`, { id });

    await Promise.all(sockets.splice(0).map((s) => s.dispose()));
    await expectDirect();
    // The first read kept the rollup; the ones below bring it forward from the change log.
    const kept = await db.query(`select tablename from pg_tables where schemaname = 'report_rollup'`);
    expect(kept.rows.length).toBeGreaterThanOrEqual(2);

    const x = await create({
      name: 'X',
      stage: 'lead',
      amount: { amount: 12.34, currency: 'USD' },
      closeDate: '2026-03-03',
    });
    const y = await create({
      name: 'Y',
      stage: 'proposal',
      amount: { amount: 5, currency: 'GBP' },
      closeDate: '2026-03-09',
    });
    const z = await create({ name: 'Z', stage: 'lead', amount: null, closeDate: null });
    await expectDirect();
    await update(x, { stage: 'won' }); // a stage move
    await update(y, { amount: { amount: 7.5, currency: 'EUR' }, closeDate: '2026-04-01' });
    await update(z, { amount: { amount: 1, currency: 'USD' } });
    await remove(y); // its group (proposal, April, EUR) is gone again
    await expectDirect();
    // A group's maximum that leaves: (won, February, USD) goes back to C's 1000.
    const w = await create({
      name: 'W',
      stage: 'won',
      amount: { amount: 2000, currency: 'USD' },
      closeDate: '2026-02-02',
    });
    await expectDirect();
    await remove(w);
    await update(x, { amount: null });
    await remove(z);
    await expectDirect();
    // Records created since the last read are not looked up in the rollup (they cannot be in it),
    // even when they changed again or left before the next read.
    const v = await create({
      name: 'V',
      stage: 'lead',
      amount: { amount: 3, currency: 'USD' },
      closeDate: '2026-05-05',
    });
    await update(v, { stage: 'won', amount: { amount: 4, currency: 'USD' } });
    const u = await create({
      name: 'U',
      stage: 'won',
      amount: { amount: 9, currency: 'GBP' },
      closeDate: '2026-05-06',
    });
    await remove(u);
    await update(x, { amount: { amount: 6, currency: 'USD' } });
    const r = await expectDirect();
    expect(r.rows.some((row) => row.keys[0] === 'won' && row.values[0] === 1 && row.values[1] === 4)).toBe(
      true,
    );
    expect(r.rows.some((row) => row.currency === 'GBP')).toBe(false);
  });

  it('brings every rollup of an object forward with the first read after a write, and the others then read it as it is', async () => {
    const mine = await newUser(server);
    const create = async (name: string, amount: number, closeDate: string) =>
      (
        await mine.client.data<{ createDeal: { id: string } }>(createDeal, {
          input: { name, stage: 'lead', amount: { amount, currency: 'USD' }, closeDate },
        })
      ).createDeal.id;
    const a = await create('A', 10, '2026-01-05');
    const b = await create('B', 900, '2026-01-20');
    await create('C', 30, '2026-02-02');
    const byStage = {
      object: 'deal',
      groupBy: [{ field: 'stage' }],
      measures: [{ kind: 'COUNT' }, { kind: 'SUM', field: 'amount' }],
    };
    const byMonth = {
      object: 'deal',
      groupBy: [{ field: 'closeDate', bucket: 'MONTH' }],
      measures: [{ kind: 'COUNT' }, { kind: 'MAX', field: 'amount' }],
    };
    const tables = async () =>
      (
        await db.query<{ name: string }>(
          `select tablename as name from pg_tables where schemaname = 'report_rollup' and tablename like '%\\_a'`,
        )
      ).rows.map((r) => r.name);
    const before = new Set(await tables());
    await run(byStage, mine);
    await run(byMonth, mine);
    const built = (await tables()).filter((t) => !before.has(t));
    expect(built).toHaveLength(2);
    const c = await dealColumns(mine);
    const live = async () =>
      Number(
        (await db.query<{ n: string }>(`select count(*) as n from ${c.table} where deleted_at is null`))
          .rows[0]!.n,
      );
    const counted = async (table: string) =>
      Number((await db.query<{ n: string }>(`select sum(c) as n from report_rollup.${table}`)).rows[0]!.n);

    await create('D', 50, '2026-02-14');
    await create('E', 5, '2026-03-03');
    await mine.client.data(
      `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
      {
        id: a,
        input: { stage: 'won', amount: { amount: 20, currency: 'USD' } },
      },
    );
    await mine.client.data(`mutation ($id: ID!) { deleteDeal(id: $id) { id } }`, { id: b }); // January's maximum leaves
    expect(await live()).toBe(4);
    // Reading the report by stage alone brings the month rollup forward in the same statement.
    await eventually(async () => {
      await run(byStage, mine);
      const sums = await Promise.all(built.map(counted));
      return sums.every((n) => n === 4);
    }, 30_000);
    const months = (await run(byMonth, mine)).rows.map((row) => [row.keys[0], row.values]);
    const direct = await db.query<{ month: string; n: string; max: number }>(
      `select date_trunc('month', ${c.close})::date::text as month, count(*) as n, max(${c.amount})::float8 as max
       from ${c.table} where deleted_at is null group by 1 order by 1`,
    );
    expect(months).toEqual(direct.rows.map((d) => [d.month, [Number(d.n), d.max]]));
    expect(months).toEqual([
      ['2026-01-01', [1, 20]],
      ['2026-02-01', [2, 50]],
      ['2026-03-01', [1, 5]],
    ]);
    // The same rows summed instead: another rollup, not the maximum's.
    const sums = await run(
      { ...byMonth, measures: [{ kind: 'COUNT' }, { kind: 'SUM', field: 'amount' }] },
      mine,
    );
    expect(sums.rows.map((row) => [row.keys[0], row.values])).toEqual([
      ['2026-01-01', [1, 20]],
      ['2026-02-01', [2, 80]],
      ['2026-03-01', [1, 5]],
    ]);
  });

  it('builds a saved report’s rollup in the background before any read, its dashboard’s too, and a starting process its own; the first read equals direct SQL', async () => {
    const c = await dealColumns();
    const ids: string[] = [];
    for (const [i, amount] of [10, 20.5, 300].entries()) {
      const { createDeal: made } = await owner.client.data<{ createDeal: { id: string } }>(createDeal, {
        input: {
          name: `Warm ${i}`,
          stage: i ? 'won' : 'lead',
          amount: { amount, currency: 'USD' },
          owner: owner.userId,
        },
      });
      ids.push(made.id);
    }
    const wanted = JSON.stringify([...ids].sort());
    // The rollup tables (`p` holds each matching record's id) whose records are exactly these deals.
    const rollupsOfWarmDeals = async () => {
      const { rows } = await db.query<{ name: string }>(
        `select tablename as name from pg_tables where schemaname = 'report_rollup' and tablename like 'r\\_%\\_p'`,
      );
      const found: string[] = [];
      for (const { name } of rows) {
        const held = await db
          .query<{ ids: string[] | null }>(
            `select array_agg(id::text order by id::text) as ids from report_rollup."${name}"`,
          )
          .catch(() => null); // dropped meanwhile
        if (JSON.stringify(held?.rows[0]?.ids) === wanted) found.push(name);
      }
      return found;
    };
    expect(await rollupsOfWarmDeals()).toEqual([]);
    const definition = {
      object: 'deal',
      filter: { name: { startsWith: 'Warm ' } },
      groupBy: [{ field: 'stage' }],
      measures: [{ kind: 'COUNT' }, { kind: 'SUM', field: 'amount' }, { kind: 'MAX', field: 'amount' }],
    };
    const { createReport: saved } = await owner.client.data<{ createReport: { id: string } }>(createReport, {
      input: { name: 'Warmed', shared: true, definition },
    });
    // Nothing has read the report: the server built its rollup on its own.
    await eventually(async () => (await rollupsOfWarmDeals()).length === 1, 60_000);
    const [warmed] = await rollupsOfWarmDeals();

    const read = async (dashboard: string | null = null) =>
      (
        await owner.client.data<{ reportResult: { rows: Row[] } }>(
          `query ($id: ID!, $dashboard: ID) { reportResult(id: $id, dashboard: $dashboard) { rows { keys labels values currency } } }`,
          { id: saved.id, dashboard },
        )
      ).reportResult.rows;
    const direct = await db.query<{ stage: string; n: string; total: number; max: number }>(
      `select ${c.stage} as stage, count(*) as n, sum(${c.amount})::float8 as total, max(${c.amount})::float8 as max
         from ${c.table} where deleted_at is null and id = any($1::uuid[]) group by 1`,
      [ids],
    );
    const expected = direct.rows.map((d) => ({
      keys: [d.stage],
      values: [Number(d.n), d.total, d.max],
      currency: 'USD',
    }));
    const shape = (rows: Row[]) =>
      rows.map((r) => ({ keys: r.keys, values: r.values, currency: r.currency }));
    expect(shape(await read())).toEqual(expect.arrayContaining(expected));
    expect(shape(await read())).toHaveLength(expected.length);
    // The read used the warm rollup: it made no other.
    expect(await rollupsOfWarmDeals()).toEqual([warmed]);

    // On a dashboard whose member filter makes other SQL: that rollup is warmed when it is added.
    const { createDashboard: board } = await owner.client.data<{ createDashboard: { id: string } }>(
      `mutation ($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }`,
      {
        input: {
          name: 'Warm board',
          widgets: [{ reportId: saved.id, chart: 'TABLE', x: 0, y: 0, w: 12, h: 6 }],
          filters: { members: [owner.userId] },
        },
      },
    );
    await eventually(async () => (await rollupsOfWarmDeals()).length === 2, 60_000);
    const both = await rollupsOfWarmDeals();
    expect(both).toContain(warmed);
    // Every one of these deals is the owner's: the same rows, from the dashboard's own rollup.
    expect(shape(await read(board.id))).toEqual(shape(await read()));
    expect(await rollupsOfWarmDeals()).toEqual(both);

    // Another process, started on the same database, warms the dashboards' widgets on its own.
    const other = await newServer({
      DATABASE_URL: server.databaseUrl,
      REPORT_ROLLUP_MIN_ROWS: '0',
      REPORT_ROLLUP_MERGE_ROWS: '4',
    });
    try {
      await eventually(async () => (await rollupsOfWarmDeals()).length === 3, 60_000);
    } finally {
      await other.close();
    }
  });

  it('builds a warmed report’s rollup again after a metadata change alters its SQL (a stage’s probability)', async () => {
    const ids: string[] = [];
    for (const amount of [100, 300]) {
      const { createDeal: made } = await owner.client.data<{ createDeal: { id: string } }>(createDeal, {
        input: { name: `Prob ${amount}`, stage: 'proposal', amount: { amount, currency: 'USD' } },
      });
      ids.push(made.id);
    }
    const wanted = JSON.stringify([...ids].sort());
    const rollupsOfTheseDeals = async () => {
      const { rows } = await db.query<{ name: string }>(
        `select tablename as name from pg_tables where schemaname = 'report_rollup' and tablename like 'r\\_%\\_p'`,
      );
      let found = 0;
      for (const { name } of rows) {
        const held = await db
          .query<{ ids: string[] | null }>(
            `select array_agg(id::text order by id::text) as ids from report_rollup."${name}"`,
          )
          .catch(() => null);
        if (JSON.stringify(held?.rows[0]?.ids) === wanted) found += 1;
      }
      return found;
    };
    const stageProbability = async () => {
      const { object } = await owner.client.data<{
        object: {
          fields: {
            key: string;
            settings: { pipelines: { stages: { key: string; probability: number }[] }[] | null };
          }[];
        };
      }>(`{ object(key: "deal") { fields { key settings { pipelines { stages { key probability } } } } } }`);
      const stage = object.fields
        .find((f) => f.key === 'stage')!
        .settings.pipelines![0]!.stages.find((x) => x.key === 'proposal')!;
      return stage.probability;
    };
    const setProbability = (probability: number) =>
      owner.client.data(
        `mutation ($p: Float!) { updateStage(object: "deal", stage: "proposal", input: { probability: $p }) { key } }`,
        { p: probability },
      );
    const before = await stageProbability();
    const { createReport: saved } = await owner.client.data<{ createReport: { id: string } }>(createReport, {
      input: {
        name: 'Weighted proposals',
        definition: {
          object: 'deal',
          filter: { name: { startsWith: 'Prob ' } },
          groupBy: [{ field: 'stage' }],
          measures: [{ kind: 'WEIGHTED', field: 'amount' }],
        },
      },
    });
    await eventually(async () => (await rollupsOfTheseDeals()) === 1, 60_000);
    const changed = before === 70 ? 60 : 70;
    await setProbability(changed);
    try {
      // The weights are part of the SQL: another rollup, built without a read.
      await eventually(async () => (await rollupsOfTheseDeals()) === 2, 60_000);
      const { reportResult } = await owner.client.data<{ reportResult: { rows: Row[] } }>(
        `query ($id: ID!) { reportResult(id: $id) { rows { keys values currency } } }`,
        { id: saved.id },
      );
      expect(reportResult.rows.map((r) => [r.keys, r.values])).toEqual([
        [['proposal'], [(400 * changed) / 100]],
      ]);
      expect(await rollupsOfTheseDeals()).toBe(2);
    } finally {
      await setProbability(before);
    }
  });

  it('a second process on the same database keeps the first one’s rollups and keeps its own', async () => {
    const tables = async () =>
      new Set(
        (
          await db.query<{ name: string }>(
            `select tablename as name from pg_tables where schemaname = 'report_rollup' and tablename like 'r\\_%'`,
          )
        ).rows.map((r) => r.name),
      );
    await run(byStageMonth);
    const first = await tables();
    expect(first.size).toBeGreaterThan(0);
    const other = await newServer({
      DATABASE_URL: server.databaseUrl,
      REPORT_ROLLUP_MIN_ROWS: '0',
      REPORT_ROLLUP_MERGE_ROWS: '4',
    });
    try {
      const there = new TestClient(other);
      Object.assign(there, { cookie: owner.client.cookie, workspaceId: owner.workspaceId });
      const elsewhere = await there.data<{ runReport: { rows: Row[] } }>(runReport, { d: byStageMonth });
      const here = await run(byStageMonth);
      expect(elsewhere.runReport.rows).toEqual(here.rows);
      const both = await tables();
      for (const name of first) expect(both.has(name)).toBe(true);
      expect(both.size).toBeGreaterThan(first.size);
    } finally {
      await other.close();
    }
  });
});
