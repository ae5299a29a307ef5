import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * A new database on the run's PostgreSQL, so test files never share state: a clone of the run's
 * migrated template, or empty (`{ empty: true }`) for tests of the migrations themselves.
 */
export async function newDatabase({ empty = false }: { empty?: boolean } = {}): Promise<string> {
  const admin = inject('adminDatabaseUrl');
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(
      empty ? `create database ${name}` : `create database ${name} template ${inject('templateDatabase')}`,
    );
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function query<T extends pg.QueryResultRow>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Rows of `table` matching `where` (SQL with $1… placeholders), for checking what a request wrote. */
export async function rowCount(
  databaseUrl: string,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const [row] = await query<{ n: string }>(
    databaseUrl,
    `select count(*) as n from ${table} where ${where}`,
    params,
  );
  return Number(row!.n);
}
