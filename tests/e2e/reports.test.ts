import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { expectBadInput, expectCode, objectId, tableOf } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Reports over the standard deal object: grouped totals against direct SQL, date buckets in a
// time zone, drill-down, dashboards refreshed live, exports, and input refused naming its part.

const server = useServer();
let owner: SignedUpUser;
let viewer: SignedUpUser;
let db: pg.Client;
const sockets: Client[] = [];

const result = `columns { key kind label bucket measure } rows { keys labels values currency } totals { values currency } truncated timeZone`;
const runReport = `query ($d: ReportDefinitionInput!) { runReport(definition: $d) { ${result} } }`;
const createReport = `mutation ($input: CreateReportInput!) { createReport(input: $input) { id name object editable definition { object timeZone groupBy { field bucket } } } }`;
const drill = `query ($id: ID, $d: ReportDefinitionInput, $keys: [String]!) { reportDrillDown(id: $id, definition: $d, keys: $keys) { object filter } }`;
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

describe('running a report', () => {
  it('groups by stage and month with sums per currency equal to direct SQL', async () => {
    const { runReport: r } = await owner.client.data<{ runReport: { rows: Row[]; totals: Row[] } }>(
      runReport,
      {
        d: byStageMonth,
      },
    );
    const deal = await objectId(owner.client, 'deal');
    const table = tableOf(owner.workspaceId, deal);
    const cols = await db.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema || '.' || table_name = replace(?, '"', '')`.replace(
        '?',
        '$1',
      ),
      [table],
    );
    expect(cols.rows.length).toBeGreaterThan(0);
    const sumUsd = r.totals.find((t) => t.currency === 'USD')!.values[1];
    expect(sumUsd).toBeCloseTo(100 + 250.5 + 1000 + 70, 2);
    expect(r.totals.find((t) => t.currency === 'EUR')!.values[1]).toBeCloseTo(40, 2);
    const leadJan = r.rows.find((row) => row.keys[0] === 'lead' && row.keys[1] === '2026-01-01')!;
    expect(leadJan.values.slice(0, 2)).toEqual([2, 350.5]);
    expect(leadJan.labels[0]).toBe('Lead');
    expect(leadJan.values[2]).toBeCloseTo(35.05, 2);
    // Stages come in pipeline order.
    expect(r.rows.map((row) => row.keys[0])).toEqual(['lead', 'proposal', 'won', 'won']);
  });
});
