/**
 * An idle connection of knex's pool, taken at once. knex's `acquireConnection` goes through
 * tarn's `acquire`: two timers (the acquire's and the validation's timeouts) and a dozen
 * promise turns before the statement can leave, each turn letting other queued work run
 * first — a count's statement left ~90 µs later for it (docs/benchmarks.md, "Twelfth cut").
 * `pg`'s own pool hands an idle client over synchronously; this does the same for tarn 3.
 *
 * It does what tarn's `_doAcquire` does when a connection is free and nobody waits: moves that
 * connection from `free` to `used`, after the check knex's validator makes (a connection
 * that failed is `__knex__disposed`). The connection goes back with `releaseConnection` as
 * any other. Whenever the pool is not as expected, or anything waits or is being validated,
 * it returns undefined and the caller acquires the usual way.
 */

interface TarnResource<T> {
  resource: T;
}

interface TarnPool<T> {
  free: TarnResource<T>[];
  used: TarnResource<T>[];
  pendingAcquires: unknown[];
  pendingValidations: unknown[];
  destroyed?: boolean;
}

export function takeFreeConnection<T extends object>(client: { pool?: unknown }): T | undefined {
  const pool = client.pool as Partial<TarnPool<T>> | undefined;
  if (!pool || pool.destroyed || !Array.isArray(pool.free) || !Array.isArray(pool.used)) return undefined;
  if (!Array.isArray(pool.pendingAcquires) || pool.pendingAcquires.length) return undefined;
  if (!Array.isArray(pool.pendingValidations) || pool.pendingValidations.length) return undefined;
  const free = pool.free.at(-1);
  if (!free || typeof free.resource !== 'object' || free.resource === null) return undefined;
  if ((free.resource as { __knex__disposed?: unknown }).__knex__disposed) return undefined;
  pool.free.pop();
  pool.used.push(free);
  return free.resource;
}

/** A knex client: its pool, and its own way to acquire and release. */
export interface KnexPoolClient<T> {
  pool?: unknown;
  acquireConnection(): Promise<T>;
  releaseConnection(connection: T): Promise<unknown>;
}

/** An idle connection of `client`'s pool at once, or knex's acquire when none is (see above). */
export function acquireConnection<T extends object>(client: KnexPoolClient<T>): T | Promise<T> {
  return takeFreeConnection<T>(client) ?? client.acquireConnection();
}
