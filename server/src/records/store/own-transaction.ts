import { acquireConnection, type StatementSource } from '../../platform/index.js';
import type { Sql } from '../query/sql.js';
import {
  commitGroup,
  endTransaction,
  type PgConnection,
  type PgPool,
  type PgResult,
} from './commit-group.js';
import type { WriteSql } from './hooks.js';

/**
 * A write's transaction on a connection of its own, taken from the ORM's pool, in as few
 * round trips as PostgreSQL's simple protocol allows: BEGIN travels with the first
 * statement, and a queued statement (the change log's insert) with the next one or with
 * COMMIT. Statements are formatted as `em.execute` formats them (values inlined).
 *
 * The ORM's own `em.transactional` sends BEGIN and COMMIT as round trips of their own and
 * builds a knex transactor per transaction: a create took four round trips, now one.
 * A transaction still wholly queued at COMMIT is committed with the writes waiting beside
 * it (commit-group.ts); the connection is taken from the pool only when a statement is sent.
 */
export interface OwnTransaction extends WriteSql {
  /** `statement` is sent with the next statement or COMMIT; its rows then resolve. */
  queue<T>(statement: Sql): Promise<T[]>;
  commit(): Promise<void>;
  /** Ends the transaction if one was begun; a connection that cannot is closed. */
  rollback(): Promise<void>;
  /** Gives the connection back to the pool. */
  release(): void;
}

/** What a queued statement's rows reject with when the transaction ended before it was sent. */
export class NotSent extends Error {
  constructor() {
    super('rolled back before it was sent');
  }
}

interface Queued {
  text: string;
  resolve: (rows: unknown[]) => void;
  reject: (error: unknown) => void;
}

/** A write's transaction in workspace `schema`, whose writes may share a commit. */
export function openOwnTransaction(em: StatementSource, schema: string): OwnTransaction {
  const pool = em.getConnection().getKnex().client as PgPool;
  const platform = em.getPlatform();
  const format = (sql: string, params: readonly unknown[]) =>
    params.length ? platform.formatQuery(sql, params) : sql;
  // Taken once, at the first statement sent; statements sent at once share it (pg queues them).
  let connecting: Promise<PgConnection> | undefined;
  let released = false;
  const connection = async (): Promise<PgConnection> => {
    if (released) throw new NotSent();
    // An idle one at once, as statements outside a transaction take theirs (free-connection.ts).
    const taken = await (connecting ??= Promise.resolve(acquireConnection(pool)));
    // Released while it was being taken: it went back to the pool, and this statement is not sent.
    if (released) throw new NotSent();
    return taken;
  };
  let begun = false;
  let queued: Queued[] = [];

  /**
   * Sends the queued statements through `trip`, which answers one result per text, in order
   * (and its own after them); each queued statement settles with its own result or the error.
   */
  const flush = async (trip: (texts: string[]) => Promise<PgResult[]>): Promise<PgResult[]> => {
    const waiting = queued;
    queued = [];
    try {
      const results = await trip(waiting.map((q) => q.text));
      waiting.forEach((q, i) => q.resolve(results[i]!.rows));
      return results;
    } catch (error) {
      for (const q of waiting) q.reject(error);
      throw error;
    }
  };

  /** Sends BEGIN if not yet sent, the queued statements, then `text`; `text`'s rows. */
  const send = async (text: string): Promise<unknown[]> => {
    const results = await flush(async (texts) => {
      const begin = begun ? [] : ['begin'];
      begun = true;
      const answer = await (await connection()).query([...begin, ...texts, text].join(';\n'));
      // One result per statement, in order.
      return (Array.isArray(answer) ? answer : [answer]).slice(begin.length);
    });
    return results[results.length - 1]!.rows;
  };

  return {
    // Text and parameters only: the query builders `em.execute` also takes are not used on writes.
    execute: (async (sql: string, params: readonly unknown[] = []) =>
      send(format(sql, params))) as OwnTransaction['execute'],
    queue<T>(statement: Sql): Promise<T[]> {
      const rows = new Promise<T[]>((resolve, reject) => {
        queued.push({ text: format(statement.sql, statement.params), resolve: resolve as never, reject });
      });
      // Read after COMMIT; a failure is the commit's, thrown there.
      rows.catch(() => undefined);
      return rows;
    },
    async commit() {
      if (!begun) {
        // The whole transaction is queued: committed in a round trip it may share.
        if (queued.length) await flush((texts) => commitGroup(pool, schema).commit(texts));
        return;
      }
      await send('commit');
      begun = false;
    },
    async rollback() {
      for (const q of queued.splice(0)) q.reject(new NotSent());
      if (!begun) return;
      begun = false;
      const taken = await connecting?.catch(() => undefined);
      if (taken) await endTransaction(taken);
    },
    release() {
      if (released) return;
      released = true;
      void connecting?.then(
        (taken) => pool.releaseConnection(taken),
        () => undefined,
      );
    },
  };
}
