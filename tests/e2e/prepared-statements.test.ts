import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { customRuns, runPrepared } from '@crm/server';

// Named prepared statements as lists use them: parsed once per connection, at most a capacity
// of them held, the least recently used deallocated, names never reused; a page's retired after
// the runs PostgreSQL plans with their values, so none of its runs has a generic plan.

const clients: pg.Client[] = [];

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  clients.push(client);
  return client;
}

/** The statements this connection holds prepared, as PostgreSQL lists them. */
async function held(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select name from pg_prepared_statements order by prepare_time, name`,
  );
  return rows.map((r) => r.name);
}

async function run(client: pg.Client, text: string, value: number, capacity: number): Promise<number> {
  const [row] = await runPrepared<{ n: number }>(client, text, [value], { capacity });
  return row!.n;
}

/** Each held statement's plans, as PostgreSQL counts them. */
async function plans(client: pg.Client): Promise<{ name: string; generic: number; custom: number }[]> {
  const { rows } = await client.query<{ name: string; generic: string; custom: string }>(
    `select name, generic_plans as generic, custom_plans as custom from pg_prepared_statements`,
  );
  return rows.map((r) => ({ name: r.name, generic: Number(r.generic), custom: Number(r.custom) }));
}

const texts = [1, 2, 3].map((k) => `select $1::int * ${k} as n`);

describe('named prepared statements per connection', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = await connect();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
  });

  it('prepares a statement once and runs it again with other values', async () => {
    expect(await run(client, texts[0]!, 2, 2)).toBe(2);
    const [name] = await held(client);
    for (let value = 3; value < 10; value++) expect(await run(client, texts[0]!, value, 2)).toBe(value);
    expect(await held(client)).toEqual([name]);
  });

  it('holds at most its capacity, deallocating the least recently used', async () => {
    expect(await run(client, texts[1]!, 5, 2)).toBe(10);
    const [first, second] = await held(client);
    // The first statement is used again, so the second is now the least recently used.
    expect(await run(client, texts[0]!, 5, 2)).toBe(5);
    expect(await run(client, texts[2]!, 5, 2)).toBe(15);
    const now = await held(client);
    expect(now).toHaveLength(2);
    expect(now).toContain(first);
    expect(now).not.toContain(second);
    // The deallocated statement is prepared again under a new name, and answers.
    expect(await run(client, texts[1]!, 7, 2)).toBe(14);
    const after = await held(client);
    expect(after).toHaveLength(2);
    expect(after).not.toContain(second);
  });

  it('names a statement apart on every connection, so names never collide', async () => {
    const other = await connect();
    expect(await run(other, texts[0]!, 4, 2)).toBe(4);
    const [name] = await held(other);
    expect(await held(client)).not.toContain(name);
  });

  it('lets PostgreSQL keep a generic plan after five runs unless runs are bounded', async () => {
    const kept = await connect();
    for (let value = 1; value <= 8; value++) await runPrepared(kept, texts[0]!, [value]);
    const [one] = await plans(kept);
    expect(one!.generic).toBeGreaterThan(0);

    const bounded = await connect();
    for (let value = 1; value <= 12; value++) {
      const [row] = await runPrepared<{ n: number }>(bounded, texts[0]!, [value], { runs: customRuns });
      expect(row!.n).toBe(value);
    }
    const names = await plans(bounded);
    expect(names).toHaveLength(3);
    for (const held of names) {
      expect(held.generic).toBe(0);
      expect(held.custom).toBeLessThanOrEqual(customRuns);
    }
  });

  it('deallocates retired names in batches, and again after a batch an aborted transaction refused', async () => {
    const client = await connect();
    const text = 'select 10 / $1::int as n';
    const runOnce = (value = 1) => runPrepared(client, text, [value], { runs: customRuns });
    const runTimes = async (times: number) => {
      for (let i = 0; i < times; i++) await runOnce();
    };
    // Sixteen names of five runs each: fifteen retired, held until the sixteenth retires.
    await runTimes(16 * customRuns);
    expect(await held(client)).toHaveLength(16);
    await runOnce();
    expect(await held(client)).toHaveLength(1);

    await runTimes(16 * customRuns - 1);
    expect(await held(client)).toHaveLength(16);
    // The run that sends the next batch fails inside a transaction, which refuses the batch too.
    await client.query('begin');
    await expect(runOnce(0)).rejects.toThrow(/division by zero/);
    await client.query('rollback');
    expect((await held(client)).length).toBeGreaterThanOrEqual(16);
    // The refused names go with the next batch: once the failed run's name has served its runs.
    await runTimes(customRuns);
    expect(await held(client)).toHaveLength(1);
    expect((await runOnce(5))[0]).toEqual({ n: 2 });
  });

  it('lets a name go whose deallocation is refused twice (as through PgBouncer)', async () => {
    const client = await connect();
    const batches: string[][] = [];
    // A connection that refuses every DEALLOCATE, as PgBouncer's server does for a client's names.
    const refusing = {
      query(config: { name?: string; text: string; values: unknown[] }) {
        if (!config.text.startsWith('deallocate')) return client.query(config);
        batches.push([...config.text.matchAll(/"([^"]+)"/g)].map((m) => m[1]!));
        return Promise.reject(new Error('prepared statement does not exist'));
      },
    };
    const text = 'select $1::int + 1 as n';
    for (let i = 0; i < 48 * customRuns; i++) {
      const [row] = await runPrepared<{ n: number }>(refusing, text, [i], { runs: customRuns });
      expect(row!.n).toBe(i + 1);
    }
    const [first, second, third] = batches;
    expect(first).toHaveLength(16);
    // The refused names once more, with one retired since; then never again.
    expect(second).toEqual([...first!, expect.any(String)]);
    expect(third).toHaveLength(16);
    for (const name of first!) expect(third).not.toContain(name);
  });
});
