/**
 * Named prepared statements, kept per connection. A named statement is parsed once per
 * connection, and after five runs PostgreSQL may keep one generic plan for it instead of
 * planning each run with its values (`plan_cache_mode = auto`): for a count over a table with a
 * partial index per field, planning took 0.14–0.19 ms of every run.
 *
 * A statement whose plan choice can turn a short walk into a long one — a page with a sort and
 * a limit may walk the sort's index and stop early for one range and must not keep that plan
 * for another (docs/architecture.md, "A request") — is prepared with `runs: customRuns`: its
 * name serves five runs and is then retired for a fresh one. PostgreSQL documents that the
 * first five runs of a prepared statement are planned with their values, so every run is, and
 * four parses in five are saved.
 *
 * Each connection holds at most `capacity` statements, the least recently used deallocated
 * first; retired names are deallocated together, one round trip for `retiredBatch` of them.
 * Names come from one counter and are never reused, so a statement deallocated on one
 * connection cannot be mistaken for another's.
 */

import { setBounded } from './bounded-map.js';

export interface PreparingConnection {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Statements one connection holds prepared: each costs its backend memory while it lives. */
export const preparedCapacity = 100;
/** The runs PostgreSQL plans with their values before it may keep a generic plan. */
export const customRuns = 5;
const retiredBatch = 16;

export interface PrepareOptions {
  capacity?: number;
  /** Runs a name serves before it is retired and the text prepared afresh (unbounded if absent). */
  runs?: number;
}

interface Held {
  names: Map<string, { name: string; runs: number }>;
  retired: string[];
  /** Names whose deallocation was refused once: not tried a third time. */
  refused: Set<string>;
}

const held = new WeakMap<PreparingConnection, Held>();
let counter = 0;

/**
 * Runs `text` with `values` as a named prepared statement of `connection`, naming it afresh the
 * first time and after `runs` runs. Statements to deallocate (the least recently used past
 * `capacity`, and retired ones when they make a batch) go out after this run, in its order:
 * a name is taken and its run queued in one synchronous step, so no run queued on the same
 * connection meanwhile (a transaction's reads at once) can find its name deallocated.
 */
export async function runPrepared<T>(
  connection: PreparingConnection,
  text: string,
  values: unknown[],
  { capacity = preparedCapacity, runs = Infinity }: PrepareOptions = {},
): Promise<T[]> {
  let state = held.get(connection);
  if (!state) held.set(connection, (state = { names: new Map(), retired: [], refused: new Set() }));
  const { names, retired } = state;
  const stale: string[] = [];
  let entry = names.get(text);
  if (entry !== undefined && entry.runs >= runs) {
    names.delete(text);
    retired.push(entry.name);
    if (retired.length >= retiredBatch) stale.push(...retired.splice(0));
    entry = undefined;
  }
  if (entry === undefined) {
    // setBounded drops the least recently used entry; its statement is deallocated below.
    if (names.size >= capacity) stale.push(names.values().next().value!.name);
    entry = { name: `crm_${(counter++).toString(36)}`, runs: 0 };
  }
  entry.runs++;
  setBounded(names, text, entry, capacity);
  const run = connection.query({ name: entry.name, text, values });
  const deallocated = stale.length ? deallocate(connection, state, stale) : undefined;
  try {
    return (await run).rows as T[];
  } finally {
    await deallocated;
  }
}

/**
 * Deallocates `names` in one statement, queued (synchronously, before any await) after the run
 * that retired them. Refused in a transaction that run aborted, the names go with the next batch;
 * refused again (PgBouncer names statements apart on the server and bounds them itself), they
 * are let go.
 */
async function deallocate(connection: PreparingConnection, state: Held, names: string[]): Promise<void> {
  // A name whose every run failed to parse does not exist to deallocate.
  const existing = names.filter((name) => parsedOn(connection, name));
  if (!existing.length) return;
  const done = await connection
    .query({ text: existing.map((name) => `deallocate "${name}"`).join('; '), values: [] })
    .then(
      () => true,
      () => false,
    );
  for (const name of existing) {
    if (done || state.refused.has(name)) {
      state.refused.delete(name);
      forgetParsed(connection, name);
    } else {
      state.refused.add(name);
      state.retired.push(name);
    }
  }
}

/** node-postgres's wire connection, whose parsed names it keeps (where its fields are as known). */
function parsedNames(connection: PreparingConnection, field: string): Record<string, unknown> | undefined {
  const names = (connection as { connection?: Record<string, unknown> }).connection?.[field];
  return typeof names === 'object' && names !== null ? (names as Record<string, unknown>) : undefined;
}

/** Whether PostgreSQL parsed `name` on this connection (assumed when the driver does not say). */
function parsedOn(connection: PreparingConnection, name: string): boolean {
  const parsed = parsedNames(connection, 'parsedStatements');
  return parsed === undefined || name in parsed;
}

/**
 * node-postgres remembers which names it parsed on a connection and has no way to forget one;
 * names are never reused, so this only frees that memory, where its fields are as known.
 */
function forgetParsed(connection: PreparingConnection, name: string): void {
  for (const field of ['parsedStatements', 'submittedNamedStatements']) {
    const names = parsedNames(connection, field);
    if (names) delete names[name];
  }
}
