import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { schemaOf } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Writers take no workspace lock, so a later change id can commit before an earlier one.
// Transactions are held open from outside by row locks the API's writes wait on (no
// sleeps): subscribers, live or resuming with `after`, still get every change once, in
// id order, and a resume taken while an earlier id is in flight misses nothing.

const recordChanged = /* GraphQL */ `
  subscription ($after: String) {
    recordChanged(after: $after) {
      changeId
      object
      recordId
      kind
    }
  }
`;

interface Change {
  changeId: string;
  object: string;
  recordId: string;
  kind: string;
}
type Feed = ReturnType<typeof collect<{ recordChanged: Change }>>;

const server = useServer();
let owner: SignedUpUser;
const sockets: Client[] = [];
const lockHolders: pg.Client[] = [];

function subscribe(after?: string): Feed {
  const { client } = newSocketClient(server, { cookie: owner.client.cookie, workspaceId: owner.workspaceId });
  sockets.push(client);
  return collect<{ recordChanged: Change }>(client, recordChanged, after ? { after } : {});
}

const changesOf = (feed: Feed) => feed.results.map((r) => r.data!.recordChanged);

async function create(object: 'Company' | 'Deal', input: Record<string, unknown>): Promise<string> {
  const data = await owner.client.data<Record<string, { id: string }>>(
    `mutation ($input: ${object}CreateInput!) { create${object}(input: $input) { id } }`,
    { input },
  );
  return data[`create${object}`]!.id;
}

/** Starts an update and tells whether it has finished, without waiting for it. */
function updateDeal(id: string, input: Record<string, unknown>) {
  const state = { done: false };
  const finished = owner.client
    .data(`mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`, {
      id,
      input,
    })
    .finally(() => (state.done = true));
  return { finished, state };
}

/** A connection of our own holding `select … for update` on rows, in an open transaction. */
async function lockRows(sql: string, params: unknown[]): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: server.databaseUrl });
  lockHolders.push(holder);
  await holder.connect();
  await holder.query('begin');
  const { rowCount } = await holder.query(sql, params);
  expect(rowCount).toBeGreaterThan(0);
  return holder;
}

/**
 * Resolves once a server connection waits on a lock `holder` holds. (Not by the statement's
 * text: a write sends several statements at once, and pg_stat_activity keeps the first 1 kB.)
 */
async function waitingOn(holder: pg.Client): Promise<void> {
  const admin = new pg.Client({ connectionString: server.databaseUrl });
  await admin.connect();
  const { pid } = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!;
  try {
    await eventually(async () => {
      const { rows } = await admin.query(
        `select 1 from pg_stat_activity where wait_event_type = 'Lock' and $1 = any(pg_blocking_pids(pid))`,
        [pid],
      );
      return rows.length > 0;
    }, 20_000);
  } finally {
    await admin.end();
  }
}

/**
 * A probe change seen on every feed: they are live (graphql-ws does not acknowledge a
 * subscribe, so probes are made until one arrives everywhere), and the test's own changes
 * start after it.
 */
/** Every record `probe` created: a probe not seen in time is followed by another. */
const probes = new Set<string>();

/**
 * The changes, without the probes that went before `marker` (on a slow run a probe is not seen
 * within its second and another follows); none of them may have arrived twice.
 */
function withoutEarlierProbes(changes: Change[], marker: Change): Change[] {
  expect(new Set(changes.map((c) => c.changeId)).size).toBe(changes.length);
  return changes.filter((c) => c.recordId === marker.recordId || !probes.has(c.recordId));
}

async function probe(feeds: Feed[]): Promise<Change> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const id = await create('Company', { name: 'probe' });
    probes.add(id);
    const everywhere = () => feeds.every((f) => changesOf(f).some((c) => c.recordId === id));
    const seen = await eventually(everywhere, 1_000).then(
      () => true,
      () => false,
    );
    if (seen) return changesOf(feeds[0]!).find((c) => c.recordId === id)!;
  }
  throw new Error('the feeds never went live');
}

function after(feed: Feed, changeId: string): Change[] {
  const changes = changesOf(feed);
  return changes.slice(changes.findIndex((c) => c.changeId === changeId) + 1);
}

beforeAll(async () => {
  owner = await newUser(server);
});
afterEach(async () => {
  await Promise.all(lockHolders.splice(0).map((c) => c.end().catch(() => undefined)));
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});

describe('interleaved commits', () => {
  it('a later id committed first is delivered after the earlier one, once, live and on resume', async () => {
    const schema = schemaOf(owner.workspaceId);
    const deal = await create('Deal', { name: 'Held', stage: 'qualified' });
    const live = subscribe();
    const { changeId: start } = await probe([live]);

    // A moves the deal: it draws its change id, then its stage-history hook waits on our lock.
    const history = await lockRows(`select 1 from ${schema}.stage_history where record_id = $1 for update`, [
      deal,
    ]);
    const a = updateDeal(deal, { stage: 'proposal' });
    await waitingOn(history);
    // B draws the next id and commits while A is still open.
    const company = await create('Company', { name: 'Committed first' });
    expect(a.state.done).toBe(false);
    // A resume taken now must not move past A's id on the strength of B's.
    const resumedWhileOpen = subscribe(start);
    await history.query('commit');
    await a.finished;

    const expected = [
      { object: 'deal', recordId: deal, kind: 'update' },
      { object: 'company', recordId: company, kind: 'create' },
    ];
    for (const feed of [live, resumedWhileOpen]) {
      await eventually(() => after(feed, start).length >= 2, 20_000);
      expect(after(feed, start)).toMatchObject(expected);
    }
    const [first, second] = after(live, start).map((c) => c.changeId);
    expect(BigInt(first!)).toBeLessThan(BigInt(second!));

    // Resuming later: from the probe both, from A's id the other one.
    const fromStart = subscribe(start);
    const fromFirst = subscribe(first);
    await eventually(() => after(fromStart, start).length >= 2 && changesOf(fromFirst).length >= 1, 20_000);
    // A last change closes the run: nothing arrived twice or late on any feed.
    const marker = await probe([live, resumedWhileOpen, fromStart, fromFirst]);
    for (const feed of [live, resumedWhileOpen, fromStart]) {
      expect(withoutEarlierProbes(after(feed, start), marker).map((c) => c.recordId)).toEqual([
        deal,
        company,
        marker.recordId,
      ]);
    }
    expect(withoutEarlierProbes(changesOf(fromFirst), marker).map((c) => c.changeId)).toEqual([
      second,
      marker.changeId,
    ]);
  });

  it('holds back a change whose transaction began earlier but drew its id later', async () => {
    // K takes its transaction id first and waits before drawing a change id; J starts
    // later, draws a lower id and waits; K commits. Filtering on "xid below the oldest
    // transaction in flight" alone would deliver K here and skip J for good.
    const schema = schemaOf(owner.workspaceId);
    const company = await create('Company', { name: 'Locked' });
    const dealK = await create('Deal', { name: 'K', stage: 'lead' });
    const dealJ = await create('Deal', { name: 'J', stage: 'qualified' });
    const live = subscribe();
    const { changeId: start } = await probe([live]);

    const companyLock = await lockRows(
      `select 1 from ${schema}.o_${await objectHex('company')} where id = $1 for update`,
      [company],
    );
    const k = updateDeal(dealK, { company });
    await waitingOn(companyLock);
    const historyLock = await lockRows(
      `select 1 from ${schema}.stage_history where record_id = $1 for update`,
      [dealJ],
    );
    const j = updateDeal(dealJ, { stage: 'proposal' });
    await waitingOn(historyLock);
    await companyLock.query('commit');
    await k.finished;
    expect(j.state.done).toBe(false);
    const resumedWhileOpen = subscribe(start);
    await historyLock.query('commit');
    await j.finished;

    const log = await changeIds(schema, [dealJ, dealK]);
    expect(BigInt(log.get(dealJ)!)).toBeLessThan(BigInt(log.get(dealK)!));
    for (const feed of [live, resumedWhileOpen]) {
      await eventually(() => after(feed, start).length >= 2, 20_000);
      expect(after(feed, start).map((c) => c.recordId)).toEqual([dealJ, dealK]);
    }
    const resumed = subscribe(log.get(dealJ)!);
    await eventually(() => changesOf(resumed).length >= 1, 20_000);
    expect(changesOf(resumed).map((c) => c.recordId)).toEqual([dealK]);
  });
});

describe('a query’s changeCursor', () => {
  it('resumes a subscription with every change its answer lacks: in flight then, or committed after', async () => {
    const schema = schemaOf(owner.workspaceId);
    const deal = await create('Deal', { name: 'In flight', stage: 'qualified' });
    const before = await create('Company', { name: 'Before the cursor' });
    const history = await lockRows(`select 1 from ${schema}.stage_history where record_id = $1 for update`, [
      deal,
    ]);
    const a = updateDeal(deal, { stage: 'proposal' });
    await waitingOn(history);
    const page = await owner.client.data<{ changeCursor: string; companies: { nodes: { id: string }[] } }>(
      `{ changeCursor companies(first: 100) { nodes { id } } }`,
    );
    expect(page.companies.nodes.map((n) => n.id)).toContain(before);
    const after = await create('Company', { name: 'After the cursor' });
    await history.query('commit');
    await a.finished;

    const resumed = subscribe(page.changeCursor);
    await eventually(() => changesOf(resumed).length >= 2, 20_000);
    const marker = await probe([resumed]);
    expect(withoutEarlierProbes(changesOf(resumed), marker).map((c) => c.recordId)).toEqual([
      deal,
      after,
      marker.recordId,
    ]);
  });

  it('is not held back by a transaction open in another database of the same server', async () => {
    // PostgreSQL's oldest transaction in flight counts every database: a feed that waited for it
    // would stall while any other application on a shared server sat in a transaction.
    const elsewhere = new URL(server.databaseUrl);
    elsewhere.pathname = '/postgres';
    const idle = new pg.Client({ connectionString: elsewhere.toString() });
    lockHolders.push(idle);
    await idle.connect();
    await idle.query('begin');
    await idle.query('select pg_current_xact_id()');
    const { changeCursor } = await owner.client.data<{ changeCursor: string }>(`{ changeCursor }`);
    const resumed = subscribe(changeCursor);
    const live = subscribe();
    const company = await create('Company', { name: 'While another database waits' });
    const arrived = (feed: Feed) => changesOf(feed).some((c) => c.recordId === company);
    await eventually(() => arrived(resumed), 20_000);
    // A feed started after the write goes live all the same (probes until one arrives).
    await probe([live]);
  });

  it('refuses an `after` that is neither a change id nor a cursor, naming the argument', async () => {
    const feed = subscribe('1:2:x');
    // graphql-ws reports a refused subscribe as a result with errors (or as an error).
    const errors = () =>
      (feed.results[0]?.errors ?? (feed.error() as { extensions?: unknown }[] | undefined) ?? []) as {
        extensions?: Record<string, unknown>;
      }[];
    await eventually(() => errors().length > 0, 20_000);
    expect(errors()[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['after'] });
  });
});

async function objectHex(key: string): Promise<string> {
  const data = await owner.client.data<{ object: { id: string } }>(
    `query ($key: String!) { object(key: $key) { id } }`,
    {
      key,
    },
  );
  return data.object.id.replace(/-/g, '');
}

/** The last change id logged for each record. */
async function changeIds(schema: string, recordIds: string[]): Promise<Map<string, string>> {
  const admin = new pg.Client({ connectionString: server.databaseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ record_id: string; id: string }>(
      `select record_id, max(id)::text as id from ${schema}.record_change where record_id = any($1::uuid[]) group by record_id`,
      [recordIds],
    );
    return new Map(rows.map((r) => [r.record_id, r.id]));
  } finally {
    await admin.end();
  }
}
