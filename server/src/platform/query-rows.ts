import { setBounded } from './bounded-map.js';
import { acquireConnection, type KnexPoolClient } from './free-connection.js';
import type { StatementSource } from './lazy-fork.js';
import { customRuns, runPrepared, type PreparingConnection } from './prepared-statements.js';

/**
 * Runs one statement with `?` placeholders (as `em.execute` takes it) straight on a `pg`
 * connection of the ORM's pool, or on the connection of the transaction `em` is in, as a
 * parameterized query. `em.execute` goes through knex and formats every value into the
 * SQL text, which PostgreSQL then parses back: on a page read that was a fifth of the
 * request's CPU. Rows come typed as the ORM's own queries get them (same connections).
 * `prepared` runs it as a named prepared statement (prepared-statements.ts says which may be):
 * 'any plan' where PostgreSQL may keep a generic plan, 'custom plans' where each run must be
 * planned with its values.
 */
export async function queryRows<T = Record<string, unknown>>(
  em: StatementSource,
  sql: string,
  params: readonly unknown[] = [],
  options: { prepared?: Prepared } = {},
): Promise<T[]> {
  const transaction = em.getTransactionContext<{ client: KnexClient }>();
  const client = (transaction ?? (em.getConnection().getKnex() as { client: KnexClient })).client;
  const text = numberedPlaceholders(sql, params.length);
  // Inside a transaction, knex hands out the transaction's connection and ignores the release;
  // outside one, an idle connection is taken at once (free-connection.ts).
  const connection = await (transaction ? client.acquireConnection() : acquireConnection(client));
  try {
    const values = params as unknown[];
    if (!options.prepared) return (await connection.query({ text, values })).rows as T[];
    return await runPrepared<T>(connection, text, values, {
      runs: options.prepared === 'custom plans' ? customRuns : undefined,
    });
  } finally {
    await client.releaseConnection(connection);
  }
}

export type Prepared = 'any plan' | 'custom plans';

type KnexClient = KnexPoolClient<PreparingConnection>;

const converted = new Map<string, string>();
const convertedCapacity = 1_000;

/**
 * `?` → `$1`, `$2`… outside quoted literals and identifiers. A statement's shape repeats
 * (its values are parameters), so the conversion is kept per text.
 */
export function numberedPlaceholders(sql: string, expected: number): string {
  let text = converted.get(sql);
  if (text === undefined) {
    text = convert(sql);
    setBounded(converted, sql, text, convertedCapacity);
  }
  return text;
  function convert(source: string): string {
    let out = '';
    let n = 0;
    let quote: string | undefined;
    for (let i = 0; i < source.length; i++) {
      const c = source[i]!;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '?') {
        out += `$${++n}`;
        continue;
      }
      out += c;
    }
    if (n !== expected)
      throw new Error(`${n} placeholders for ${expected} parameters in: ${source.slice(0, 200)}`);
    return out;
  }
}
