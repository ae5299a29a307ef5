/**
 * Group commit: writes whose whole transaction is known by COMMIT (every statement queued,
 * nothing sent yet: a create or an update of one record, see own-transaction.ts) share one
 * round trip and one commit with the writes waiting beside them.
 *
 * Batching is natural, never timed: while `SENDING` transactions of a workspace are on their
 * way, its writes that arrive wait, and the next round trip takes all of them. A write that
 * finds a slot free goes at once, alone, so a quiet server adds no wait; under load each
 * shared write spares PostgreSQL a commit and a round trip (with 8 clients, about a quarter
 * of its CPU per create: docs/benchmarks.md, "Group commit").
 *
 * One write's failure must not become another's: when PostgreSQL refuses a shared transaction
 * (an ERROR: nothing of it committed), each of its writes runs again alone and gets its own
 * answer. A failure without one (the connection lost, COMMIT perhaps applied) is reported to
 * all and retried by none, as for a write alone.
 */

import { acquireConnection, type KnexPoolClient } from '../../platform/index.js';

export interface PgResult {
  rows: unknown[];
}

export interface PgConnection {
  query(text: string): Promise<PgResult | PgResult[]>;
  end(): Promise<void>;
}

export type PgPool = KnexPoolClient<PgConnection>;

/** Shared transactions on their way at once (measured in `bench:writes`, docs/benchmarks.md). */
const SENDING = 2;
/** Writes in one shared transaction, at most. */
const LARGEST = 64;
/**
 * Milliseconds after which a transaction still on its way (waiting on a row lock, a slow
 * disk) gives its slot up, so the writes behind it do not wait with it.
 */
const PATIENCE = 25;

interface Waiting {
  texts: readonly string[];
  resolve: (results: PgResult[]) => void;
  reject: (error: unknown) => void;
}

class CommitGroup {
  private readonly waiting: Waiting[] = [];
  private sending = 0;

  constructor(private readonly pool: PgPool) {}

  /** Runs `texts` in a transaction, perhaps shared; one result per text once committed. */
  commit(texts: readonly string[]): Promise<PgResult[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ texts, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.sending < SENDING && this.waiting.length) {
      const batch = this.waiting.splice(0, LARGEST);
      this.sending++;
      let holding = true;
      const release = () => {
        if (!holding) return;
        holding = false;
        this.sending--;
        this.next();
      };
      const slow = setTimeout(release, PATIENCE);
      void this.send(batch).finally(() => {
        clearTimeout(slow);
        release();
      });
    }
  }

  private async send(batch: readonly Waiting[]): Promise<void> {
    let results: PgResult[];
    try {
      results = await this.run(batch.flatMap((write) => write.texts));
    } catch (error) {
      // Refused, nothing of it committed: each write runs again alone for an answer of its own.
      if (batch.length > 1 && refused(error)) await Promise.all(batch.map((write) => this.send([write])));
      else for (const write of batch) write.reject(error);
      return;
    }
    let at = 0;
    for (const write of batch) {
      write.resolve(results.slice(at, at + write.texts.length));
      at += write.texts.length;
    }
  }

  private async run(texts: readonly string[]): Promise<PgResult[]> {
    const connection = await acquireConnection(this.pool);
    try {
      const answer = await connection.query(['begin', ...texts, 'commit'].join(';\n'));
      const results = Array.isArray(answer) ? answer : [answer];
      return results.slice(1, -1);
    } catch (error) {
      await endTransaction(connection);
      throw error;
    } finally {
      void this.pool.releaseConnection(connection);
    }
  }
}

/** Rolls back whatever a failed round trip left open; a connection that cannot is closed. */
export async function endTransaction(connection: PgConnection): Promise<void> {
  try {
    await connection.query('rollback');
  } catch {
    await connection.end().catch(() => undefined);
  }
}

/**
 * PostgreSQL answered with an ERROR (not a FATAL that ends the session, nor a socket's
 * failure): the transaction it was in was aborted and did not commit.
 */
function refused(error: unknown): boolean {
  return (error as { severity?: unknown } | null)?.severity === 'ERROR';
}

const groups = new WeakMap<PgPool, Map<string, CommitGroup>>();

/**
 * The commit group of a workspace (`schema`) on `pool`: one workspace's write waiting on a
 * lock never holds up another workspace's.
 */
export function commitGroup(pool: PgPool, schema: string): CommitGroup {
  let bySchema = groups.get(pool);
  if (!bySchema) groups.set(pool, (bySchema = new Map()));
  let group = bySchema.get(schema);
  if (!group) bySchema.set(schema, (group = new CommitGroup(pool)));
  return group;
}
