import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../../metadata/index.js';
import { queryRows, statementSource, type Prepared, type StatementSource } from '../../platform/index.js';
import type { LoggedChangeInput, RecordChange, RecordContext, RecordScope } from '../api.js';
import type { Sql } from '../query/sql.js';
import { changeLogInserts, loggedChanges, type LoggedRow, type PendingChange } from './change-log.js';
import type { RecordHooks, WriteSql } from './hooks.js';
import { NotSent, openOwnTransaction } from './own-transaction.js';

/** One write: its transaction, the changes it logs, and the hooks around its commit. */

export interface WriteTx {
  /** Statements of the write's transaction. */
  db: WriteSql;
  metadata: WorkspaceMetadata;
  actorId: string;
  /** Appended by the write as it goes; logged in this order before commit. */
  pending: PendingChange[];
  origin?: RecordContext['origin'];
  /** The writer's record scope: checked on the locked rows, inside this transaction (rows.ts). */
  scope?: RecordScope;
  /**
   * On a write's own connection: sends `statement` with the transaction's next round trip
   * (the next statement, or COMMIT), its rows resolving then; a failure is thrown there too,
   * as `describe` turns it (an error naming the field).
   * Absent when the write joins an outer transaction: statements run at once.
   */
  queue?: <T = Record<string, unknown>>(
    statement: Sql,
    describe?: (error: unknown) => unknown,
  ) => Promise<T[]>;
  /** Changes a statement logged itself (not in `pending`), known once the write committed. */
  logged?: Promise<RecordChange[]>[];
}

/**
 * A write's result as its statements' answer completes it: on a write's own connection a
 * queued statement answers with COMMIT, so the result is read once the write has committed.
 */
export type Later<T> = () => Promise<T>;

/** A result already complete. */
export const now =
  <T>(value: T): Later<T> =>
  () =>
    Promise.resolve(value);

/**
 * One statement: with parameters on the `pg` connection of a statement source (a read, or a
 * write joining an outer transaction); values inlined on a write's own connection, whose
 * simple-protocol batches (BEGIN + statement, change log + COMMIT) cannot carry parameters.
 */
export function execute<T = Record<string, unknown>>(
  db: WriteSql | StatementSource,
  query: Sql,
  options?: { prepared?: Prepared },
): Promise<T[]> {
  return isStatementSource(db)
    ? queryRows<T>(db, query.sql, query.params, options)
    : db.execute<T[]>(query.sql, query.params);
}

function isStatementSource(db: WriteSql | StatementSource): db is StatementSource {
  return 'getTransactionContext' in db;
}

/**
 * Runs `work` in one transaction that also appends its changes to `record_change`;
 * after commit the hooks' afterCommit gets the logged changes.
 * Called inside an outer transaction, it joins it and "after commit" means after
 * this block. Otherwise the write has a connection of its own, where BEGIN travels
 * with the first statement and the change log with COMMIT (see own-transaction.ts).
 */
export async function runWrite<T>(
  ctx: RecordContext,
  hooks: readonly RecordHooks[],
  work: (tx: WriteTx) => Promise<T>,
): Promise<T> {
  return runQueuedWrite(ctx, hooks, async (tx) => now(await work(tx)));
}

/**
 * `runWrite` for work that queues its statements (`WriteTx.queue`) and answers once they
 * have run: a create whose hooks have nothing to say in the transaction sends BEGIN, the
 * row, its change-log row and COMMIT as one round trip; an update, the row's lock first,
 * then the rest with COMMIT. The changes `work` leaves in `tx.pending` are known before
 * its statements run (values as stored: `apiValue`), so the hooks' afterWrite sees them.
 */
export async function runQueuedWrite<T>(
  ctx: RecordContext,
  hooks: readonly RecordHooks[],
  work: (tx: WriteTx) => Promise<Later<T>>,
): Promise<T> {
  const { metadata, actorId, origin, scope } = ctx;
  let changes: RecordChange[] = [];
  const db = statementSource(ctx);
  // In a transaction, the request's entity manager is forked already: it joins that.
  const result = db.isInTransaction()
    ? await ctx.em.transactional(async (em) => {
        const tx: WriteTx = { db: em, metadata, actorId, origin, scope, pending: [] };
        const value = await (await work(tx))();
        changes = await appendNow(tx);
        await afterWrite(hooks, tx);
        return value;
      })
    : await retryingConflicts(async () => {
        const own = openOwnTransaction(db, metadata.schema);
        const queued: Promise<unknown>[] = [];
        try {
          const tx: WriteTx = {
            db: own,
            metadata,
            actorId,
            origin,
            scope,
            pending: [],
            logged: [],
            queue: <R>(statement: Sql, describe = (error: unknown) => error) => {
              const rows = own.queue<R>(statement).catch((error: unknown) => {
                throw describe(error);
              });
              rows.catch(() => undefined);
              queued.push(rows);
              return rows;
            },
          };
          const later = await work(tx);
          const logged = tx.pending.length
            ? changeLogInserts(metadata.schema, actorId, tx.pending).map((s) => own.queue<LoggedRow>(s))
            : [];
          await afterWrite(hooks, tx);
          await own.commit();
          changes = [
            ...loggedChanges(actorId, tx.pending, await Promise.all(logged)),
            ...(await Promise.all(tx.logged!)).flat(),
          ];
          return await later();
        } catch (error) {
          await own.rollback();
          throw await queuedError(queued, error);
        } finally {
          own.release();
        }
      });
  await announce(ctx, hooks, changes);
  return result;
}

/**
 * The error to report when a round trip with queued statements failed: the queued statement's
 * own, as it describes it (naming the field), when it was one of them that failed.
 */
async function queuedError(queued: readonly Promise<unknown>[], error: unknown): Promise<unknown> {
  // Settled by now: sent with the failed round trip, or refused by the rollback.
  for (const rows of queued) {
    try {
      await rows;
    } catch (own) {
      if (!(own instanceof NotSent)) return own;
    }
  }
  return error;
}

/**
 * `work` with an EntityManager of its own in one transaction (joining the caller's, if
 * any); the changes it returns are logged, the hooks run as for any write, and the
 * logged changes are returned.
 */
export async function runLoggedWork(
  ctx: RecordContext,
  hooks: readonly RecordHooks[],
  work: (em: EntityManager) => Promise<readonly LoggedChangeInput[]>,
): Promise<RecordChange[]> {
  const { metadata, actorId, origin } = ctx;
  const run = () =>
    ctx.em.transactional(async (em) => {
      const tx: WriteTx = { db: em, metadata, actorId, origin, pending: [] };
      tx.pending.push(...(await work(em)).map((change) => ({ ...change, actorId })));
      const changes = await appendNow(tx);
      await afterWrite(hooks, tx);
      return changes;
    });
  const changes = ctx.em.isInTransaction() ? await run() : await retryingConflicts(run);
  await announce(ctx, hooks, changes);
  return changes;
}

async function appendNow(tx: WriteTx): Promise<RecordChange[]> {
  if (!tx.pending.length) return [];
  const statements = changeLogInserts(tx.metadata.schema, tx.actorId, tx.pending);
  const ids: LoggedRow[][] = [];
  for (const statement of statements) ids.push(await execute<LoggedRow>(tx.db, statement));
  return loggedChanges(tx.actorId, tx.pending, ids);
}

async function afterWrite(hooks: readonly RecordHooks[], tx: WriteTx): Promise<void> {
  if (!tx.pending.length) return;
  const payload = {
    db: tx.db,
    metadata: tx.metadata,
    actorId: tx.actorId,
    changes: tx.pending,
    origin: tx.origin,
  };
  for (const hook of hooks) await hook.afterWrite?.(payload);
}

async function announce(
  ctx: RecordContext,
  hooks: readonly RecordHooks[],
  changes: RecordChange[],
): Promise<void> {
  if (!changes.length) return;
  const { metadata, actorId } = ctx;
  // Nested in a transaction still open, "after commit" is after this block: not yet durable.
  const durable = Boolean(ctx.deferAfterCommit) || !statementSource(ctx).isInTransaction();
  const committed = async () => {
    for (const hook of hooks) await hook.afterCommit?.({ metadata, actorId, changes, committed: durable });
  };
  if (ctx.deferAfterCommit) ctx.deferAfterCommit(committed);
  else await committed();
}

/** PostgreSQL's "try again" failures: a deadlock it broke, or a serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

/**
 * Concurrent writes that lock records in different orders (a delete emptying pointers
 * while an update share-locks the same record) can deadlock; PostgreSQL aborts one of
 * them, and running it again is the right answer. A nested write belongs to its outer
 * transaction, which alone may retry.
 */
async function retryingConflicts<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 20));
    }
  }
}
