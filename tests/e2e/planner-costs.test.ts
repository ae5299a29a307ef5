import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, openAppDatabase, queryRows, type Database } from '@crm/server';
import { newDatabase } from '../support/database.js';

// The server's connections price a page read as PostgreSQL advises for a cached database
// (DATABASE_PAGE_COST, docs/configuration.md): every connection of the pool, not only the first.

async function costsOnConnections(db: Database, connections: number): Promise<string[]> {
  // Several reads at once take as many connections of the pool, each set up when it was made.
  const rows = await Promise.all(
    Array.from({ length: connections }, () =>
      queryRows<{ seq: string; random: string; pid: number }>(
        db.orm.em.fork(),
        `select current_setting('seq_page_cost') as seq, current_setting('random_page_cost') as random,
                pg_backend_pid() as pid, pg_sleep(0.05)`,
      ),
    ),
  );
  expect(new Set(rows.map(([row]) => row!.pid)).size).toBe(connections);
  return rows.map(([row]) => `${row!.seq}/${row!.random}`);
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
    const untouched = await Promise.all(
      [1, 2].map(() =>
        queryRows<{ name: string; untouched: boolean }>(
          db.orm.em.fork(),
          `select name, setting = reset_val as untouched, pg_sleep(0.05)::text from pg_settings
            where name in ('seq_page_cost', 'random_page_cost') order by name`,
        ),
      ),
    );
    // A SET on the connection would leave reset_val (the server's, role's or database's value) behind.
    for (const rows of untouched) {
      expect(rows.map((r) => [r.name, r.untouched])).toEqual([
        ['random_page_cost', true],
        ['seq_page_cost', true],
      ]);
    }
  });
});
