import { createHash } from 'node:crypto';

/**
 * Named (prepared) statements on the ORM's pooled connections. A list's page and count have
 * the same text for every request of a shape, only their values differ: prepared once per
 * connection, PostgreSQL parses and analyses them once, and after five runs may keep a
 * generic plan (its `plan_cache_mode`). PostGraphile and PostgREST do the same.
 *
 * A backend keeps what it prepared until it is told otherwise, and names grow with shapes
 * times workspaces times metadata versions; so each connection keeps at most `capacity`, and
 * the least recently used is deallocated first. Only connections of a pool set up with
 * `preparingConnections` prepare; any other runs every statement unnamed.
 */

/** Per connection, unless DATABASE_PREPARED_STATEMENTS says otherwise. */
export const defaultPreparedStatements = 100;

/** What a connection holds: names in order of use, the oldest first. */
interface Prepared {
  capacity: number;
  names: Set<string>;
}

const preparedOn = new WeakMap<object, Prepared>();

/** The part of pg's client this needs: a query, and its record of statements it parsed. */
export interface PgConnection {
  query(config: { text: string; values?: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
  connection?: { parsedStatements?: Record<string, string> };
}

/**
 * knex's pool `afterCreate`: each new connection prepares up to `capacity` statements (0:
 * none). It relies on pg's record of parsed statements; a pg without one prepares nothing.
 */
export function preparingConnections(capacity: number) {
  return (connection: PgConnection, done: (error: Error | null, connection: PgConnection) => void) => {
    if (capacity > 0 && parsedOn(connection)) preparedOn.set(connection, { capacity, names: new Set() });
    done(null, connection);
  };
}

/** A statement's name: the same for the same text under the same metadata version. */
export function statementName(text: string, generation: number | string): string {
  return `s${createHash('sha1').update(`${generation}\u0000${text}`).digest('base64url')}`;
}

/**
 * Runs `text` on `connection`, as the prepared statement `name` where the connection prepares
 * (deallocating its least recently used one to make room), unnamed otherwise.
 */
export async function queryPrepared(
  connection: PgConnection,
  name: string | undefined,
  text: string,
  values: unknown[],
): Promise<{ rows: unknown[] }> {
  const prepared = name ? preparedOn.get(connection) : undefined;
  if (!name || !prepared) return connection.query({ text, values });
  const { names, capacity } = prepared;
  if (names.delete(name)) {
    names.add(name);
  } else {
    for (const oldest of names) {
      if (names.size < capacity) break;
      await deallocate(connection, oldest);
      names.delete(oldest);
    }
  }
  try {
    return await connection.query({ name, text, values });
  } finally {
    // Parsed, it stays on the backend whether or not it ran; not parsed, there is nothing to free.
    if (parsedOn(connection)![name] !== undefined) names.add(name);
    else names.delete(name);
  }
}

async function deallocate(connection: PgConnection, name: string): Promise<void> {
  // Not transactional: it holds even when a transaction around it rolls back.
  await connection.query({ text: `deallocate "${name}"` });
  delete parsedOn(connection)![name];
}

function parsedOn(connection: PgConnection): Record<string, string> | undefined {
  const parsed = connection.connection?.parsedStatements;
  return parsed && typeof parsed === 'object' ? parsed : undefined;
}
