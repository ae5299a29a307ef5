import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { expectCode, tableOf } from '../support/records.js';
import { newServer, type TestServer } from '../support/server.js';
import { startThrowawayPostgres } from '../support/throwaway-postgres.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Live dashboards push, not pull (issue 18): a write reaches every open dashboard as one event
// carrying its widgets' new results, each distinct result computed once however many watch it.
// What the server computes is counted in pg_stat_statements, so this file runs its own
// PostgreSQL with the extension loaded. Reports here read the deal table directly (it is far
// below REPORT_ROLLUP_MIN_ROWS), so each computation is one run of the report's statement.

let postgres: { adminUrl: string; stop: () => Promise<void> };
let server: TestServer;
let owner: SignedUpUser;
let member: SignedUpUser;
let db: pg.Client;
const sockets: Client[] = [];

const result = `object columns { key kind label fieldType field bucket measure } rows { keys labels values currency } totals { keys labels values currency } truncated timeZone`;
const refresh = `subscription ($id: ID!) { dashboardRefresh(id: $id) { dashboardId widgetIds reason results { widgetId reportId result { ${result} } } } }`;
const createDeal = `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`;
const createReport = `mutation ($input: CreateReportInput!) { createReport(input: $input) { id } }`;
const createDashboard = `mutation ($input: CreateDashboardInput!) { createDashboard(input: $input) { id widgets { id reportId } } }`;

interface Pushed {
  dashboardRefresh: {
    dashboardId: string;
    widgetIds: string[];
    reason: string;
    results: { widgetId: string; reportId: string; result: { totals: { values: number[] }[] } }[];
  };
}

beforeAll(async () => {
  postgres = await startThrowawayPostgres('crm-push-', ['-c', 'shared_preload_libraries=pg_stat_statements']);
  const url = new URL(postgres.adminUrl);
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query('create database crm_push');
  await admin.end();
  url.pathname = '/crm_push';
  db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  await db.query('create extension pg_stat_statements');
  // REPORT_REFRESH_SHARE 100: no refresh waits on what the last cost beyond the 3 s gap, which
  // the quiet check below relies on (on a busy machine a refresh can cost enough to lengthen it).
  server = await newServer({ DATABASE_URL: url.toString(), REPORT_REFRESH_SHARE: '100' });
  owner = await newUser(server);
  member = await newMember(server, owner, 'MEMBER');
  for (const [who, n] of [
    [owner, 3],
    [member, 2],
  ] as const)
    for (let i = 0; i < n; i++)
      await who.client.data(createDeal, {
        input: { name: `Deal ${i}`, stage: 'lead', amount: { amount: 100 * (i + 1), currency: 'USD' } },
      });
}, 120_000);

afterAll(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
  await db?.end();
  await server?.close();
  await postgres?.stop();
});

async function dealSql() {
  const { object } = await owner.client.data<{
    object: { id: string };
  }>(`{ object(key: "deal") { id } }`);
  // `owner` is a system field: its column is named, not derived from its id.
  return { table: tableOf(owner.workspaceId, object.id), owner: 'owner_id' };
}

/** Runs of the deal reports' statements so far: each is one computation of a result. */
async function reportRuns(table: string): Promise<number> {
  const { rows } = await db.query<{ n: string | null }>(
    `select sum(calls)::text as n from pg_stat_statements where query like '%count(*)::bigint as c%' and query like '%' || $1 || '%'`,
    [table],
  );
  return Number(rows[0]!.n ?? 0);
}

function watch(user: SignedUpUser, dashboardId: string) {
  const { client } = newSocketClient(server, { cookie: user.client.cookie, workspaceId: user.workspaceId });
  sockets.push(client);
  return collect<Pushed>(client, refresh, { id: dashboardId });
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);

describe('dashboard refresh pushes results', () => {
  it('computes each distinct widget result once and gives every viewer its own numbers', async () => {
    const deal = await dealSql();
    const report = async (user: SignedUpUser, name: string, shared: boolean, definition: object) =>
      (
        await user.client.data<{ createReport: { id: string } }>(createReport, {
          input: { name, shared, definition },
        })
      ).createReport.id;
    const all = await report(owner, 'All deals', true, {
      object: 'deal',
      groupBy: [{ field: 'stage' }],
      measures: [{ kind: 'COUNT' }, { kind: 'SUM', field: 'amount' }],
    });
    // Reads as each viewer's own deals: the same widget, other numbers per viewer.
    const mine = await report(owner, 'My deals', true, {
      object: 'deal',
      filter: { owner: { isMe: true } },
      measures: [{ kind: 'COUNT' }],
    });
    // Private: on a shared dashboard, only its owner may read it.
    const hidden = await report(owner, 'Owner only', false, {
      object: 'deal',
      groupBy: [{ field: 'name' }],
      measures: [{ kind: 'COUNT' }],
    });
    const widget = (reportId: string, x: number) => ({ reportId, chart: 'BAR', x, y: 0, w: 6, h: 4 });
    const board = (
      await owner.client.data<{
        createDashboard: { id: string; widgets: { id: string; reportId: string }[] };
      }>(createDashboard, {
        input: { name: 'Team', shared: true, widgets: [widget(all, 0), widget(mine, 6), widget(hidden, 12)] },
      })
    ).createDashboard;
    // Another dashboard filter: the member's deals only.
    const memberBoard = (
      await owner.client.data<{ createDashboard: { id: string; widgets: { id: string }[] } }>(
        createDashboard,
        {
          input: {
            name: 'Member',
            shared: true,
            widgets: [widget(all, 0)],
            filters: { members: [member.userId] },
          },
        },
      )
    ).createDashboard;
    const widgetOf = (reportId: string) => board.widgets.find((w) => w.reportId === reportId)!.id;

    const viewers = [
      { user: owner, events: watch(owner, board.id), dashboard: board.id },
      { user: owner, events: watch(owner, board.id), dashboard: board.id },
      { user: member, events: watch(member, board.id), dashboard: board.id },
      { user: member, events: watch(member, memberBoard.id), dashboard: memberBoard.id },
    ];
    // Subscriptions are not acknowledged: write until every viewer has heard of a write.
    let n = 0;
    await eventually(async () => {
      if (viewers.every((v) => v.events.results.length)) return true;
      await owner.client.data(createDeal, { input: { name: `Warm ${++n}`, stage: 'lead' } });
      await new Promise((resolve) => setTimeout(resolve, 500));
      return false;
    }, 60_000);
    // Quiet: the writes above have all been told (a refresh leaves at most 3 s after the last).
    let seen = viewers.map((v) => v.events.results.length);
    await eventually(async () => {
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const now = viewers.map((v) => v.events.results.length);
      const quiet = now.every((c, i) => c === seen[i]);
      seen = now;
      return quiet;
    }, 60_000);

    await db.query('select pg_stat_statements_reset()');
    const before = await reportRuns(deal.table);
    await member.client.data(createDeal, {
      input: { name: 'The write', stage: 'won', amount: { amount: 5000, currency: 'USD' } },
    });
    await eventually(() => viewers.every((v, i) => v.events.results.length > seen[i]!), 30_000);

    // One event per viewer, and one computation per distinct result: the owner's two sockets and
    // the member share "All deals" on the team board; "My deals" is one per user; "Owner only" is
    // the owner's; the member board's filter makes one more. 5, where each viewer reading its
    // widgets would have run 9.
    expect(await reportRuns(deal.table)).toBe(before + 5);
    const last = viewers.map((v) => v.events.results.at(-1)!.data!.dashboardRefresh);
    for (const event of last) expect(event.reason).toBe('DATA');
    // The first measure over every matching record (totals come one row per currency).
    const pushed = (i: number, reportId: string) =>
      last[i]!.results.find((r) => r.reportId === reportId)?.result.totals.reduce(
        (sum, row) => sum + row.values[0]!,
        0,
      ) ?? null;

    const total = await count(`select count(*) as n from ${deal.table} where deleted_at is null`);
    const ownedBy = (userId: string) =>
      count(`select count(*) as n from ${deal.table} where deleted_at is null and ${deal.owner} = $1`, [
        userId,
      ]);
    expect(last[0]!.widgetIds).toEqual([widgetOf(all), widgetOf(mine), widgetOf(hidden)]);
    expect(last[0]!.results.map((r) => r.widgetId)).toEqual([
      widgetOf(all),
      widgetOf(mine),
      widgetOf(hidden),
    ]);
    expect(pushed(0, all)).toBe(total);
    expect(pushed(1, all)).toBe(total);
    expect(pushed(0, mine)).toBe(await ownedBy(owner.userId));
    expect(pushed(1, mine)).toBe(await ownedBy(owner.userId));
    // Fewer rights: the member is not told of the private report's widget, nor given its numbers.
    expect(last[2]!.widgetIds).toEqual([widgetOf(all), widgetOf(mine)]);
    expect(last[2]!.results.map((r) => r.reportId)).toEqual([all, mine]);
    expect(pushed(2, all)).toBe(total);
    expect(pushed(2, mine)).toBe(await ownedBy(member.userId));
    expect(await ownedBy(member.userId)).not.toBe(await ownedBy(owner.userId));
    // Another filter: the member board counts the member's deals.
    expect(pushed(3, all)).toBe(await ownedBy(member.userId));

    // Exactly what `reportResult` answers each of them (the numbers were checked against the
    // table above; this holds the rest: columns, labels, totals per currency, flags).
    for (const [i, viewer] of viewers.entries())
      for (const sent of last[i]!.results) {
        const { reportResult } = await viewer.user.client.data<{ reportResult: unknown }>(
          `query ($id: ID!, $d: ID) { reportResult(id: $id, dashboard: $d) { ${result} } }`,
          { id: sent.reportId, d: viewer.dashboard },
        );
        expect(sent.result).toEqual(reportResult);
      }
    const denied = await member.client.request(
      `query ($id: ID!, $d: ID) { reportResult(id: $id, dashboard: $d) { object } }`,
      {
        id: hidden,
        d: board.id,
      },
    );
    expectCode(denied, 'NOT_FOUND');
    // Still one event each for the one write.
    expect(viewers.map((v) => v.events.results.length)).toEqual(seen.map((c) => c + 1));
  }, 180_000);
});

describe('the change feed under a live dashboard', () => {
  const recordChanged = `subscription ($after: String) { recordChanged(object: "deal", after: $after) { changeId object recordId kind version actorId at changedFields values previous } }`;
  type Change = { recordChanged: { changeId: string; recordId: string } };

  it('delivers writes from their wake-ups without reading the log back, as a resume reads them', async () => {
    const { client } = newSocketClient(server, {
      cookie: owner.client.cookie,
      workspaceId: owner.workspaceId,
    });
    sockets.push(client);
    const live = collect<Change>(client, recordChanged, {});
    let n = 0;
    await eventually(async () => {
      if (live.results.length) return true;
      await owner.client.data(createDeal, { input: { name: `Feed warm ${++n}`, stage: 'lead' } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return false;
    }, 60_000);
    const from = live.results.at(-1)!.data!.recordChanged.changeId;

    await db.query('select pg_stat_statements_reset()');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push(
        (
          await member.client.data<{ createDeal: { id: string } }>(createDeal, {
            input: { name: `Fed ${i}`, stage: 'won', amount: { amount: 10 * i, currency: 'EUR' } },
          })
        ).createDeal.id,
      );
    const ours = (results: typeof live.results) =>
      results.map((r) => r.data!.recordChanged).filter((c) => ids.includes(c.recordId));
    await eventually(() => ours(live.results).length >= 10, 30_000);
    // The feed's reads of the log (its position, with the settled rows): the old feed read it on
    // every wake-up, at least 10 here; one still pending from the subscription's start may land.
    const reads = await count(
      `select coalesce(sum(calls), 0)::text as n from pg_stat_statements
        where query like '%record_change_id_seq%' and query like '%pg_current_snapshot%'`,
    );
    expect(reads).toBeLessThanOrEqual(2);
    const delivered = ours(live.results);
    expect(delivered.map((c) => c.recordId)).toEqual(ids);

    // What the log holds, read back by a resume from before the writes: the very same events.
    const resumed = collect<Change>(client, recordChanged, { after: from });
    await eventually(() => ours(resumed.results).length >= 10, 30_000);
    expect(ours(resumed.results)).toEqual(delivered);
  }, 120_000);
});
