import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { preparedName } from '@crm/server';

// Named prepared statements as the list counts use them: parsed once per connection, at most
// a capacity of them held, the least recently used deallocated, names never reused.

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
  const name = await preparedName(client, text, capacity);
  const { rows } = await client.query<{ n: number }>({ name, text, values: [value] });
  return rows[0]!.n;
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
});
