import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, openAppDatabase, queryRows, type Database } from '@crm/server';
import { newDatabase } from '../support/database.js';

// Statements outside a transaction take an idle connection of the ORM's pool at once
// (platform/free-connection.ts); inside one they run on its connection. Either way the pool
// must account for every connection as before: nothing lost, nothing handed out twice.

interface KnexPool {
  numUsed(): number;
  numFree(): number;
  free: { resource: { processID?: number; __knex__disposed?: unknown } }[];
}

function poolOf(db: Database): KnexPool {
  return (db.orm.em.getConnection().getKnex() as unknown as { client: { pool: KnexPool } }).client.pool;
}

async function backendPid(db: Database): Promise<number> {
  const [row] = await queryRows<{ pid: number }>(db.orm.em.fork(), 'select pg_backend_pid() as pid');
  return row!.pid;
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('statements on the ORM’s pool', () => {
  let db: Database;
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await newDatabase();
    db = await openAppDatabase({ databaseUrl, dataDir: '.', embeddedPgPort: 0 }, createLogger('silent'));
  });
  afterAll(async () => {
    await db.close();
  });

  it('reuses an idle connection for reads one after another and gives it back each time', async () => {
    const first = await backendPid(db);
    for (let i = 0; i < 5; i++) expect(await backendPid(db)).toBe(first);
    expect(poolOf(db).numUsed()).toBe(0);
    expect(poolOf(db).numFree()).toBeGreaterThanOrEqual(1);
  });

  it('runs reads at once on distinct connections and accounts for all of them afterwards', async () => {
    let arrived = 0;
    let release = () => {};
    let finish = () => {};
    const everyone = new Promise<void>((resolve) => (release = resolve));
    const finished = new Promise<void>((resolve) => (finish = resolve));
    // Two transactions hold their connections until the plain reads beside them are done.
    const held = Array.from({ length: 2 }, () =>
      db.orm.em.fork().transactional(async (em) => {
        const [row] = await queryRows<{ pid: number }>(em, 'select pg_backend_pid() as pid');
        if (++arrived === 2) release();
        await finished;
        return row!.pid;
      }),
    );
    await everyone;
    const plain = await Promise.all(Array.from({ length: 4 }, () => backendPid(db)));
    finish();
    const holders = await Promise.all(held);
    for (const pid of plain) expect(holders).not.toContain(pid);
    expect(new Set(holders).size).toBe(2);
    await until(() => poolOf(db).numUsed() === 0);
  });

  it('runs a read inside a transaction on that transaction’s connection', async () => {
    const seen = await db.orm.em.fork().transactional(async (em) => {
      await em.execute(`set local application_name = 'inside the transaction'`);
      const [row] = await queryRows<{ name: string }>(
        em,
        `select current_setting('application_name') as name`,
      );
      return row!.name;
    });
    expect(seen).toBe('inside the transaction');
    const [after] = await queryRows<{ name: string }>(
      db.orm.em.fork(),
      `select current_setting('application_name') as name`,
    );
    expect(after!.name).not.toBe('inside the transaction');
    expect(poolOf(db).numUsed()).toBe(0);
  });

  it('does not hand out an idle connection whose server went away', async () => {
    const pid = await backendPid(db);
    // From outside the pool: a read of the pool would take that very connection.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ done: boolean }>('select pg_terminate_backend($1) as done', [pid]);
      expect(rows[0]!.done).toBe(true);
    } finally {
      await admin.end();
    }
    // knex marks the connection when its socket reports the end.
    await until(() =>
      poolOf(db).free.every((f) => f.resource.processID !== pid || f.resource.__knex__disposed !== undefined),
    );
    const next = await backendPid(db);
    expect(next).not.toBe(pid);
    expect(poolOf(db).numUsed()).toBe(0);
  });
});
