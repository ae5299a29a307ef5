import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, openAppDatabase, queryRows, type Database } from '@crm/server';
import { newDatabase } from '../support/database.js';

// The server's connections price a page read as PostgreSQL advises for a cached database
// (DATABASE_PAGE_COST, docs/configuration.md): every connection of the pool, not only the first.

/**
 * `sql`'s first row on `connections` connections of the pool at once: each read runs in a
 * transaction that holds its connection until all of them have read, so none is reused.
 */
async function onConnections<T extends { pid: number }>(db: Database, connections: number, sql: string) {
  let arrived = 0;
  let release = () => {};
  const everyone = new Promise<void>((resolve) => (release = resolve));
  const rows = await Promise.all(
    Array.from({ length: connections }, () =>
      db.orm.em.fork().transactional(async (em) => {
        const [row] = await queryRows<T>(em, sql);
        if (++arrived === connections) release();
        await everyone;
        return row!;
      }),
    ),
  );
  expect(new Set(rows.map((row) => row.pid)).size).toBe(connections);
  return rows;
}

async function costsOnConnections(db: Database, connections: number): Promise<string[]> {
  const rows = await onConnections<{ seq: string; random: string; pid: number }>(
    db,
    connections,
    `select current_setting('seq_page_cost') as seq, current_setting('random_page_cost') as random,
            pg_backend_pid() as pid`,
  );
  return rows.map((row) => `${row.seq}/${row.random}`);
}

describe('the planner’s page cost on the server’s connections', () => {
  let databaseUrl: string;
  const opened: Database[] = [];
  const open = async (databasePageCost?: number | null): Promise<Database> => {
    const db = await openAppDatabase(
      { databaseUrl, dataDir: '.', embeddedPgPort: 0, databasePageCost },
      createLogger('silent'),
    );
    opened.push(db);
    return db;
  };
  beforeAll(async () => {
    databaseUrl = await newDatabase();
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });

  it('is 0.1 for sequential and random reads by default', async () => {
    expect(await costsOnConnections(await open(), 3)).toEqual(['0.1/0.1', '0.1/0.1', '0.1/0.1']);
  });

  it('takes the configured cost', async () => {
    expect(await costsOnConnections(await open(0.5), 2)).toEqual(['0.5/0.5', '0.5/0.5']);
  });

  it('leaves the server’s own settings when told to (DATABASE_PAGE_COST=server)', async () => {
    const db = await open(null);
    const rows = await onConnections<{ pid: number; seq: boolean; random: boolean }>(
      db,
      2,
      `select pg_backend_pid() as pid,
              (select setting = reset_val from pg_settings where name = 'seq_page_cost') as seq,
              (select setting = reset_val from pg_settings where name = 'random_page_cost') as random`,
    );
    // A SET on the connection would leave reset_val (the server's, role's or database's value) behind.
    expect(rows.map(({ seq, random }) => ({ seq, random }))).toEqual([
      { seq: true, random: true },
      { seq: true, random: true },
    ]);
  });
});
