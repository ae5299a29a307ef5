/**
 * Named prepared statements, kept per connection. A named statement is parsed once per
 * connection, and after five runs PostgreSQL may keep one generic plan for it instead of
 * planning each run with its values (`plan_cache_mode = auto`): for a count over a table with a
 * partial index per field, planning took 0.14–0.19 ms of every run.
 *
 * Only statements whose plan choice cannot turn a short walk into a long one should be
 * prepared: a count visits every matching row whichever plan it has, while a page with a sort
 * and a limit may walk the sort's index and stop early for one range and must not keep that
 * plan for another (docs/architecture.md, "A request"; docs/benchmarks.md, "Seventh cut").
 *
 * Each connection holds at most `capacity` statements, the least recently used deallocated
 * first; names come from one counter and are never reused, so a statement deallocated on one
 * connection cannot be mistaken for another's.
 */

import { setBounded } from './bounded-map.js';

export interface PreparingConnection {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Statements one connection holds prepared: each costs its backend memory while it lives. */
export const preparedCapacity = 100;

const held = new WeakMap<PreparingConnection, Map<string, string>>();
let counter = 0;

/**
 * The name `text` is prepared under on `connection`, naming it afresh (and deallocating the
 * connection's least recently used statement when it holds `capacity`) the first time.
 */
export async function preparedName(
  connection: PreparingConnection,
  text: string,
  capacity = preparedCapacity,
): Promise<string> {
  let names = held.get(connection);
  if (!names) held.set(connection, (names = new Map()));
  const known = names.get(text);
  if (known !== undefined) {
    setBounded(names, text, known, capacity);
    return known;
  }
  // setBounded drops the least recently used entry; its statement is deallocated here.
  const evicted = names.size >= capacity ? names.values().next().value : undefined;
  const name = `crm_${(counter++).toString(36)}`;
  setBounded(names, text, name, capacity);
  if (evicted !== undefined) {
    await connection.query({ text: `deallocate "${evicted}"`, values: [] });
    forgetParsed(connection, evicted);
  }
  return name;
}

/**
 * node-postgres remembers which names it parsed on a connection and has no way to forget one;
 * names are never reused, so this only frees that memory, where its fields are as known.
 */
function forgetParsed(connection: PreparingConnection, name: string): void {
  const wire = (connection as { connection?: Record<string, unknown> }).connection;
  for (const field of ['parsedStatements', 'submittedNamedStatements']) {
    const names = wire?.[field];
    if (typeof names === 'object' && names !== null) delete (names as Record<string, unknown>)[name];
  }
}
