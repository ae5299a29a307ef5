import type pg from 'pg';
import { digestOf } from './sequence.js';
import type { Subscriber } from './subscribers.js';

export interface LoggedChange {
  id: bigint;
  objectKey: string;
}

/** The committed change log after `after`, in id order, read straight from PostgreSQL. */
export async function readChangeLog(pool: pg.Pool, schema: string, after: bigint): Promise<LoggedChange[]> {
  const { rows } = await pool.query<{ id: string; key: string }>(
    `select c.id, o.key from ${schema}.record_change c join public.object_def o on o.id = c.object_id
     where c.id > $1 order by c.id`,
    [after.toString()],
  );
  return rows.map((row) => ({ id: BigInt(row.id), objectKey: row.key }));
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits for each subscriber to reach the last change it filters on in its workspace's log
 * (`logs[workspace]`), then compares what it received with that log: same ids, in
 * increasing order, each once.
 */
export async function checkDeliveries(subscribers: Subscriber[], logs: LoggedChange[][], timeoutMs: number) {
  const expected = new Map<string, bigint[]>();
  const key = ({ workspace, watch }: Subscriber) => `${workspace}:${watch.object ?? '*'}`;
  for (const subscriber of subscribers) {
    const object = subscriber.watch.object;
    if (!expected.has(key(subscriber)))
      expected.set(
        key(subscriber),
        logs[subscriber.workspace]!.filter((c) => !object || c.objectKey === object).map((c) => c.id),
      );
  }
  const lastOf = (s: Subscriber) => expected.get(key(s))!.at(-1);
  await waitFor(() => subscribers.every((s) => lastOf(s) === undefined || s.last >= lastOf(s)!), timeoutMs);

  const result = { lost: 0, duplicates: 0, outOfOrder: 0, withErrors: 0, details: [] as string[] };
  const digests = new Map([...expected].map(([k, ids]) => [k, digestOf(ids)]));
  for (const [index, subscriber] of subscribers.entries()) {
    result.duplicates += subscriber.duplicates;
    result.outOfOrder += subscriber.outOfOrder;
    if (subscriber.errors.length) {
      result.withErrors++;
      result.details.push(`subscriber ${index}: ${subscriber.errors[0]!.slice(0, 300)}`);
    }
    const want = digests.get(key(subscriber))!;
    const got = subscriber.digest;
    if (got.count === want.count && got.hash === want.hash) continue;
    const ids = expected.get(key(subscriber))!;
    const missing = ids.filter((id) => !got.has(id));
    result.lost += missing.length;
    const extra = got.count - (ids.length - missing.length);
    result.details.push(
      `subscriber ${index} (${key(subscriber)}): ${missing.length} missing (first ${missing.slice(0, 5).join(', ')}), ${extra} not in the log`,
    );
  }
  return result;
}
