import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiToken, newUser, TestClient, tokenClient } from '../support/client.js';
import { RedisProcess } from '../support/redis.js';
import { query } from '../support/database.js';
import { newServer, type TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Issue 23: a server that knows it is the only process on its event bus serves cached callers
// without the bus's fence (a round trip per request). A second process that joins and revokes
// at once must still be obeyed by the first one's very next request, on both buses.

const companies = `query { companies { totalCount } }`;
const revokeToken = `mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`;

/** The same credentials, asking another server. */
function on(server: TestServer, client: TestClient): TestClient {
  const copy = new TestClient(server);
  Object.assign(copy, { cookie: client.cookie, token: client.token, workspaceId: client.workspaceId });
  return copy;
}

/** Warnings and errors a server logs, as parsed lines. */
function logLines(): { lines: { msg?: string; level: number }[]; write: (line: string) => void } {
  const lines: { msg?: string; level: number }[] = [];
  return { lines, write: (line) => void lines.push(JSON.parse(line) as { msg?: string; level: number }) };
}

const buses = [
  { bus: 'PostgreSQL LISTEN/NOTIFY', redis: false },
  { bus: 'Redis', redis: true },
];

describe.each(buses)('a process alone on the $bus bus', ({ redis }) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(env: Record<string, string>) {
    const logs = logLines();
    const server = await newServer({ ...env, LOG_LEVEL: 'warn' }, logs);
    cleanups.push(() => server.close());
    return { server, logs };
  }

  /** The hits of `ask` that waited for the bus's fence on `server`. */
  async function fencesOf(server: TestServer, ask: () => Promise<unknown>): Promise<number> {
    const before = server.server.services.callers.fences;
    await ask();
    return server.server.services.callers.fences - before;
  }

  it('skips the fence until another process joins, whose sign-out and revocation it obeys at once', async () => {
    const env: Record<string, string> = {};
    if (redis) {
      const redisProcess = await RedisProcess.start();
      cleanups.push(() => redisProcess.kill());
      env.REDIS_URL = redisProcess.url;
    }
    const { server: a, logs: aLogs } = await start(env);
    const owner = await newUser(a);
    const { id: tokenId, token } = await createApiToken(owner.client);
    const byToken = tokenClient(a, token, owner.workspaceId);
    await owner.client.data(companies);
    await byToken.data(companies);

    // Alone once it has read the bus's list: cached hits then need no round trip.
    await eventually(async () => (await fencesOf(a, () => owner.client.data(companies))) === 0, 30_000);
    for (let i = 0; i < 5; i++) {
      expect(await fencesOf(a, () => owner.client.data(companies))).toBe(0);
      expect(await fencesOf(a, () => byToken.data(companies))).toBe(0);
    }

    // B joins the same database and bus and revokes as soon as it is up.
    const { server: b, logs: bLogs } = await start({ ...env, DATABASE_URL: a.databaseUrl });
    await on(b, owner.client).data(revokeToken, { id: tokenId });
    const refused = await byToken.request(companies);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await on(b, owner.client).data(`mutation { signOut }`);
    expect((await owner.client.request(`{ me { user { id } } }`)).body).toEqual({ data: { me: null } });

    // From now on A fences its hits.
    const other = await newUser(a);
    await other.client.data(companies);
    expect(await fencesOf(a, () => other.client.data(companies))).toBe(1);

    // B waited for A's answer; it was not late.
    const late = (line: { msg?: string }) =>
      /before every process answered|could not join/.test(line.msg ?? '');
    expect([...aLogs.lines, ...bLogs.lines].filter(late)).toEqual([]);
  }, 120_000);
});

describe('a process alone on the PostgreSQL LISTEN/NOTIFY bus', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const createCompany = `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`;

  it('sends nothing to PostgreSQL until another process joins, which it answers before that one serves', async () => {
    const aLogs = logLines();
    const a = await newServer({ LOG_LEVEL: 'warn' }, aLogs);
    cleanups.push(() => a.close());
    // A bare listener is not on the bus's list: it hears only what a process sends.
    const heard: string[] = [];
    const raw = new pg.Client({ connectionString: a.databaseUrl });
    await raw.connect();
    cleanups.push(() => raw.end());
    raw.on('notification', (message) => void heard.push(message.payload ?? ''));
    await raw.query('listen crm_events');
    const owner = await newUser(a);

    await eventually(() => a.server.eventBus.alone(), 30_000);
    await owner.client.data(createCompany, { name: 'Kept in process' });
    await a.server.eventBus.delivered();
    // Notifications committed before a statement ends reach its listener ahead of its answer.
    await raw.query('select 1');
    expect(heard).toEqual([]);

    // A listener of an earlier version, off the list, never answers: once A counts it (its next
    // round, after its own listener was dropped), A sends again.
    const earlier = new pg.Client({ connectionString: a.databaseUrl, application_name: 'crm-events-listen' });
    await earlier.connect();
    cleanups.push(() => earlier.end());
    const heardByEarlier: string[] = [];
    earlier.on('notification', (message) => void heardByEarlier.push(message.payload ?? ''));
    await earlier.query('listen crm_events');
    await query(
      a.databaseUrl,
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = current_database() and application_name = 'crm-events-listen' and pid <> $1`,
      [(earlier as unknown as { processID: number }).processID],
    );
    const rejoined = (line: { msg?: string }) => line.msg === 'event bus listener reconnected';
    await eventually(() => aLogs.lines.some(rejoined), 30_000);
    expect(a.server.eventBus.alone()).toBe(false);
    await owner.client.data(createCompany, { name: 'Heard off the list' });
    await eventually(() => heardByEarlier.some((payload) => payload.includes('Heard off the list')), 30_000);

    const b = await newServer({ LOG_LEVEL: 'warn', DATABASE_URL: a.databaseUrl });
    cleanups.push(() => b.close());
    // B started serving only once A had answered it: A stopped keeping events to itself first.
    expect(a.server.eventBus.alone()).toBe(false);
    expect(b.server.eventBus.alone()).toBe(false);

    const socket = newSocketClient(b, { cookie: owner.client.cookie, workspaceId: owner.workspaceId });
    cleanups.push(async () => socket.client.dispose());
    const feed = collect<{ recordChanged: { values: { name?: string } } }>(
      socket.client,
      `subscription { recordChanged(object: "company") { values } }`,
    );
    // The protocol does not acknowledge a subscribe: write until B's subscriber hears one.
    for (let i = 0; i < 50 && feed.results.length === 0; i++) {
      await owner.client.data(createCompany, { name: `Probe ${i}` });
      await eventually(() => feed.results.length > 0, 500).catch(() => undefined);
    }
    await owner.client.data(createCompany, { name: 'Heard on B' });
    await eventually(
      () => feed.results.some((result) => result.data?.recordChanged.values.name === 'Heard on B'),
      30_000,
    );
    expect(heard.some((payload) => payload.includes('"t":"workspace.changes:'))).toBe(true);
  }, 120_000);
});
