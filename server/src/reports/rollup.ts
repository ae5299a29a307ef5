import { createHash, randomBytes } from 'node:crypto';
import { IsolationLevel, type EntityManager } from '@mikro-orm/postgresql';
import { qualified, quote } from '../metadata/index.js';
import { sql, type Sql } from '../records/index.js';
import { setBounded, type Logger } from '../platform/index.js';
import { combined, groupKeys, partials, rankAndLimit, rowsOf } from './compile.js';
import type { ResolvedReport } from './resolve.js';
import {
  catchUpStatement,
  changedSince,
  extreme,
  extremesUpdate,
  groupColumn,
  type RollupTables,
} from './rollup-sql.js';

/**
 * Rollups: a report read again does not scan the object's table again.
 *
 * For a report that can be rolled up, the first read keeps unlogged tables in the
 * `report_rollup` schema: `p`, each matching record's id, group keys and measured values (the
 * report's own inner select, materialised), `q`, the same for the rows written since (see
 * `catchUp`), and `a`, per group key: the record count and, per measure, the sum and count of
 * its non-null values. All are as of one snapshot, kept beside them. Every later read first
 * brings them forward to its own snapshot: the records changed between (the change log rows
 * whose writing transaction the old snapshot did not see) leave `p` or `q` with the values they
 * had and come back into `q` with the values they have now, and `a` is adjusted by the
 * difference. The report is then the same grouping sets, ranking and limit as the direct
 * statement, over `a`'s few rows. Exact by construction: the same SQL expressions compute every
 * value, sums are numeric, and averages are the same numeric division `avg` makes.
 *
 * MIN and MAX keep each group's extreme; a group the changes touched looks its extreme up again
 * in `p` and `q` (an index on group and value makes that one probe each).
 *
 * Not rolled up (the direct statement runs): DISTINCT, AVG_DAYS (it moves with the clock), filters that read other tables or the clock
 * (relative dates), related fields (their records change without this object's change log), a
 * group-by on a relation (purging its target nulls it without a change row), and small tables.
 */

const rollable = new Set(['COUNT', 'SUM', 'AVG', 'WEIGHTED', 'MIN', 'MAX']);
/** Answers kept per rollup (reports sharing one may differ in sort and limit). */
const answersKept = 8;
/** More changed records than this since the last read: building again is cheaper. */
const maxDelta = 50_000;
export const rollupSchema = 'report_rollup';
/** A process not heard from for this long has ended: its tables go (see `ensureSchema`). */
const ownerTimeoutMinutes = 10;

export interface RollupOptions {
  /** Objects with fewer rows (PostgreSQL's estimate) are read directly. */
  minRows: number;
  /** Rollups kept at once; the least recently read is dropped. */
  max: number;
  /** Rows kept in `q` (see `catchUp`) before they move into `p`, in id order, at once. */
  mergeAt: number;
}

interface Rollup {
  key: string;
  table: string;
  /** Schema and object: the rollups of one object are read one after the other, on one queue. */
  scope: string;
  /** What it was built from: another rollup's read of the same object brings it forward too. */
  report: ResolvedReport;
  where: readonly Sql[];
  /** `pg_snapshot` text: what `p`, `q` and `a` are as of. */
  snapshot: string;
  /** When (`performance.now()`) that snapshot was taken, at the latest: reads begun before see no newer. */
  takenAt: number;
  /** About as many rows as `q` holds: the changed records counted by the catch-ups since its last merge. */
  queued: number;
  /** The answers read over `a` as it is, by statement (sort and limit may differ). */
  answers: Map<string, Record<string, unknown>[]>;
  usedAt: number;
  ready: boolean;
}

export class ReportRollups {
  private readonly rollups = new Map<string, Rollup>();
  /** Per object (`Rollup.scope`): its rollups' reads, builds and drops, one after the other. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Per process: tables of a process that died are recognisable and dropped by the next. */
  private readonly tag = randomBytes(4).toString('hex');
  private serial = 0;
  private beatAt = 0;
  private schemaReady: Promise<void> | undefined;

  constructor(
    private readonly options: RollupOptions,
    private readonly logger: Logger,
  ) {}

  /**
   * The report's raw rows (as `compileReport`'s statement gives them) from its rollup, or null
   * when it cannot be rolled up (the caller runs the direct statement). A read that arrives
   * while the rollup is being built (by a warm-up or another read) waits for that build.
   */
  async read(
    em: EntityManager,
    report: ResolvedReport,
    where: readonly Sql[],
    timeIndependent: boolean,
    asOf = performance.now(),
  ): Promise<Record<string, unknown>[] | null> {
    const rollup = await this.entry(em, report, where, timeIndependent);
    return rollup ? this.readEntry(em, report, rollup, asOf) : null;
  }

  /**
   * Builds the report's rollup ahead of its first read (see warm.ts), unless it is kept already
   * or cannot be kept: 'built', 'kept' or 'direct'.
   */
  async warm(
    em: EntityManager,
    report: ResolvedReport,
    where: readonly Sql[],
    timeIndependent: boolean,
  ): Promise<'built' | 'kept' | 'direct'> {
    if (!timeIndependent || !canRollUp(report, where)) return 'direct';
    if (this.rollups.has(rollupKey(report, where))) return 'kept';
    const rollup = await this.entry(em, report, where, timeIndependent);
    if (!rollup) return 'direct';
    // Another warm-up or a read may have made it meanwhile: queued behind it, this is a catch-up.
    return (await this.readEntry(em, report, rollup, performance.now())) ? 'built' : 'direct';
  }

  /** Drops every rollup of this process (the benchmark's cold figure). */
  async clear(em: EntityManager): Promise<void> {
    const all = [...this.rollups.values()];
    this.rollups.clear();
    for (const rollup of all) await this.enqueue(rollup.scope, () => this.drop(em.fork(), rollup));
  }

  stats(): { rollups: number } {
    return { rollups: this.rollups.size };
  }

  /** Runs `work` after everything queued for the object; a failure does not stop what comes after. */
  private enqueue<T>(scope: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(scope) ?? Promise.resolve()).then(work);
    const tail = next.catch(() => undefined);
    this.queues.set(scope, tail);
    void tail.then(() => {
      if (this.queues.get(scope) === tail) this.queues.delete(scope);
    });
    return next;
  }

  private async entry(
    em: EntityManager,
    report: ResolvedReport,
    where: readonly Sql[],
    timeIndependent: boolean,
  ): Promise<Rollup | null> {
    if (!timeIndependent || !canRollUp(report, where)) return null;
    const key = rollupKey(report, where);
    let rollup = this.rollups.get(key);
    if (!rollup) {
      if (!(await this.bigEnough(em, report))) return null;
      rollup = this.rollups.get(key);
    }
    if (!rollup) {
      rollup = {
        key,
        table: `r_${this.tag}_${++this.serial}`,
        scope: `${report.metadata.schema}.${report.object.id}`,
        report,
        where,
        snapshot: '',
        takenAt: -Infinity,
        queued: 0,
        answers: new Map(),
        usedAt: Date.now(),
        ready: false,
      };
      this.rollups.set(key, rollup);
      this.evict(em);
    } else {
      // The same SQL under newer metadata: kept as of the newest, which other reads compare with.
      rollup.report = report;
      rollup.where = where;
    }
    return rollup;
  }

  private async readEntry(
    em: EntityManager,
    report: ResolvedReport,
    rollup: Rollup,
    asOf: number,
  ): Promise<Record<string, unknown>[] | null> {
    rollup.usedAt = Date.now();
    try {
      return await this.enqueue(rollup.scope, () => this.readRollup(em, report, rollup, asOf));
    } catch (error) {
      // A rollup that failed half-way is not trusted again, and this read runs the direct statement.
      this.logger.warn({ err: error }, 'report rollup failed; reading directly');
      this.forget(em, rollup);
      return null;
    }
  }

  /** Drops a rollup that cannot be trusted (after what is queued for its object). */
  private forget(em: EntityManager, rollup: Rollup): void {
    if (this.rollups.get(rollup.key) === rollup) this.rollups.delete(rollup.key);
    void this.enqueue(rollup.scope, () => this.drop(em.fork(), rollup));
  }

  private async bigEnough(em: EntityManager, report: ResolvedReport): Promise<boolean> {
    if (this.options.minRows <= 0) return true;
    const [row] = await em.execute<{ n: string | null }[]>(
      'select reltuples::bigint::text as n from pg_class where oid = ?::regclass',
      [qualified(report.metadata.schema, report.object.table)],
    );
    return Number(row?.n ?? 0) >= this.options.minRows;
  }

  private async readRollup(
    em: EntityManager,
    report: ResolvedReport,
    rollup: Rollup,
    asOf: number,
  ): Promise<Record<string, unknown>[]> {
    await this.ensureSchema(em);
    await this.heartbeat(em);
    const statement = this.statement(report, rollup);
    const key = JSON.stringify([statement.sql, statement.params]);
    // Over `a` as it is, on a fork (nothing else writes it while this object's queue is held).
    const asItIs = async (fork: EntityManager) => {
      const answer =
        rollup.answers.get(key) ??
        (await fork.execute<Record<string, unknown>[]>(statement.sql, statement.params));
      setBounded(rollup.answers, key, answer, answersKept);
      return answer.map((row) => ({ ...row }));
    };
    // Brought forward (by another read of its object) after this read began: it sees every
    // commit this read must see.
    if (rollup.ready && rollup.takenAt >= asOf) return asItIs(em.fork());
    let changed = 0;
    if (rollup.ready) {
      // One statement, in no transaction (a fork: not in the caller's, whose snapshot may be
      // older than the rollup's): with nothing written since the snapshot, `a` stands and the
      // snapshot moves forward (what was in flight then is in flight now, and still not seen).
      const since = changedSince(report.metadata.schema, report.object.id, rollup.snapshot);
      const fork = em.fork();
      const at = performance.now();
      const [now] = await fork.execute<{ snapshot: string; n: number }[]>(
        `select pg_current_snapshot()::text as snapshot, (select count(*)::int from (${since.sql}) c) as n`,
        since.params,
      );
      changed = now!.n;
      if (!changed) {
        // So is every rollup of the object as of the same snapshot: moved together, they stay
        // one group for the next catch-up (widgets read one by one would each take a snapshot
        // of their own, and the next catch-up would send a statement per snapshot).
        const before = rollup.snapshot;
        for (const other of this.rollups.values())
          if (
            other === rollup ||
            (other.ready && other.scope === rollup.scope && other.snapshot === before)
          ) {
            other.snapshot = now!.snapshot;
            other.takenAt = at;
          }
        return asItIs(fork);
      }
    }
    const taking: Rollup[] = [rollup];
    try {
      return await em.fork().transactional(
        async (tx) => {
          // Before the statement that takes the snapshot: the snapshot is no older than this.
          const at = performance.now();
          const [row] = await tx.execute<{ snapshot: string }[]>(
            'select pg_current_snapshot()::text as snapshot',
          );
          const taken = { at, snapshot: row!.snapshot };
          if (!rollup.ready) await this.build(tx, rollup);
          else await this.catchUp(tx, rollup, changed, taken, taking);
          rollup.snapshot = taken.snapshot;
          rollup.takenAt = taken.at;
          const answer = await tx.execute<Record<string, unknown>[]>(statement.sql, statement.params);
          setBounded(rollup.answers, key, answer, answersKept);
          return answer.map((row) => ({ ...row }));
        },
        { isolationLevel: IsolationLevel.REPEATABLE_READ },
      );
    } catch (error) {
      // The transaction rolled back: the others it brought forward are as of a snapshot no longer known.
      for (const other of taking) if (other !== rollup) this.forget(em, other);
      throw error;
    }
  }

  private names(rollup: Rollup): RollupTables {
    return {
      p: qualified(rollupSchema, `${rollup.table}_p`),
      q: qualified(rollupSchema, `${rollup.table}_q`),
      a: qualified(rollupSchema, `${rollup.table}_a`),
    };
  }

  private async build(tx: EntityManager, rollup: Rollup): Promise<void> {
    const { report } = rollup;
    const { p, q, a } = this.names(rollup);
    const keys = groupKeys(report);
    const rows = rowsOf(report, rollup.where, true);
    // No vacuum for having been filled: right after a build (a warm-up), autovacuum would scan
    // every row of it again, beside the reads it was built for. Dead rows from catch-ups still
    // bring vacuum; its statistics are taken here, in the build, not by autovacuum later.
    await tx.execute(
      `create unlogged table ${p} with (autovacuum_vacuum_insert_threshold = -1) as select x.*${groupColumn(report, 'x')} from (${rows.sql}) x`,
      rows.params,
    );
    await tx.execute(
      `create unlogged table ${a} as select ${[...keys, '0::smallint as z', 'count(*)::bigint as c', ...partials(report), 'false as dirty'].join(', ')} from ${p} group by ${[...keys, 'z'].join(', ')}`,
    );
    await tx.execute(`create unique index on ${a} (${[...keys, 'z'].join(', ')}) nulls not distinct`);
    await tx.execute(`create unlogged table ${q} (like ${p})`);
    for (const table of [p, q]) {
      await tx.execute(`create index on ${table} (id)`);
      // A group's minimum or maximum after a delete is found again in its rows, through these.
      for (const [i, m] of report.measures.entries())
        if (extreme(m.kind)) await tx.execute(`create index on ${table} (k, v${i})`);
    }
    await tx.execute(`analyze ${p}`);
    rollup.queued = 0;
    rollup.answers.clear();
    rollup.ready = true;
  }

  /**
   * Brings `rollup` from its snapshot to the transaction's, and with it every other rollup of
   * its object kept for the same metadata (a dashboard reads several one after the other: the
   * first read brings them all forward, the next ones find nothing changed). Those as of one
   * snapshot move in one statement, which reads the changed records once for all of them.
   * Adds the others it takes to `taking`. `counted`: the rollup's changed records a moment
   * before (readRollup); none then, counted again here, where it decides.
   *
   * A changed record's old row leaves `p` or `q`, its row as it is now goes into `q`, and `a` is
   * adjusted by the difference. New rows go into `q`, not `p`: ids are random, so every insert
   * into `p`'s id index lands on a leaf page of its own, and in a big index those pages are cold
   * (measured: 15 µs a row at 100,000 rows, 35 at 1,000,000, against 3–6 in a small table; all
   * buffers hit, so it is the memory, not the disk). `q` stays small and warm until
   * it holds `options.mergeAt` rows, which then move into `p` in id order (one pass over its leaves).
   * More than `maxDelta` changed records: the rollup is built again (the others are left to their reads).
   */
  private async catchUp(
    tx: EntityManager,
    rollup: Rollup,
    counted: number,
    taken: { at: number; snapshot: string },
    taking: Rollup[],
  ): Promise<void> {
    const { report } = rollup;
    const others = [...this.rollups.values()].filter(
      (r) =>
        r !== rollup &&
        r.ready &&
        r.scope === rollup.scope &&
        r.report.metadata.version === report.metadata.version,
    );
    const bySnapshot = new Map<string, Rollup[]>([[rollup.snapshot, [rollup]]]);
    for (const other of others)
      bySnapshot.set(other.snapshot, [...(bySnapshot.get(other.snapshot) ?? []), other]);
    for (const [since, members] of bySnapshot) {
      const mine = members.includes(rollup);
      const changed = changedSince(report.metadata.schema, report.object.id, since);
      let n = mine ? counted : 0;
      if (!n) {
        const [count] = await tx.execute<{ n: number }[]>(
          `select count(*)::int as n from (${changed.sql}) c`,
          changed.params,
        );
        n = count?.n ?? 0;
      }
      if (n > maxDelta) {
        if (mine) {
          await this.drop(tx, rollup);
          await this.build(tx, rollup);
        }
        continue;
      }
      taking.push(...members.filter((r) => r !== rollup));
      if (n) await this.bringForward(tx, changed, members, n);
      for (const member of members) {
        member.snapshot = taken.snapshot;
        member.takenAt = taken.at;
      }
    }
  }

  /** The catch-up statement for rollups as of one snapshot, then what each needs after it. */
  private async bringForward(tx: EntityManager, changed: Sql, members: Rollup[], n: number): Promise<void> {
    const { report } = members[0]!;
    const statement = catchUpStatement(
      qualified(report.metadata.schema, report.object.table),
      changed,
      members.map((r) => ({ report: r.report, where: r.where, tables: this.names(r) })),
    );
    const emptied = await tx.execute<{ i: number; emptied: boolean }[]>(statement.sql, statement.params);
    for (const [i, member] of members.entries()) {
      const { p, q, a } = this.names(member);
      member.queued += n;
      member.answers.clear();
      // A group whose last record left is no group: the direct statement would not show it.
      if (emptied.some((row) => row.i === i && row.emptied)) await tx.execute(`delete from ${a} where c = 0`);
      const extremes = extremesUpdate(member.report, { p, q, a });
      if (extremes) await tx.execute(extremes);
      if (member.queued >= this.options.mergeAt) {
        await tx.execute(`insert into ${p} select * from ${q} order by id`);
        await tx.execute(`truncate ${q}`);
        member.queued = 0;
      }
    }
  }

  /** The report over `a`: the direct statement's grouping sets, ranking and limit. */
  private statement(report: ResolvedReport, rollup: Rollup): Sql {
    return rankAndLimit(report, sql(`${this.names(rollup).a} s`), combined(report));
  }

  private evict(em: EntityManager): void {
    if (this.rollups.size <= this.options.max) return;
    const [key, oldest] = [...this.rollups.entries()].sort((x, y) => x[1].usedAt - y[1].usedAt)[0]!;
    this.rollups.delete(key);
    // After its reads in flight: dropping a table under them would fail them.
    void this.enqueue(oldest.scope, () => this.drop(em.fork(), oldest));
  }

  private async drop(em: EntityManager, rollup: Rollup): Promise<void> {
    const { p, q, a } = this.names(rollup);
    rollup.ready = false;
    await em
      .execute(`drop table if exists ${p}, ${q}, ${a}`)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'report rollup: drop failed'));
  }

  /**
   * Several processes may share the database, each with its own tables (named by its tag). A
   * process says it is alive in `owner` at most once a minute while it reads; tables of tags not
   * seen for `ownerTimeoutMinutes` belong to processes that ended and are dropped.
   */
  private ensureSchema(em: EntityManager): Promise<void> {
    this.schemaReady ??= (async () => {
      await em.execute(`create schema if not exists ${quote(rollupSchema)}`);
      await em.execute(
        `create table if not exists ${qualified(rollupSchema, 'owner')} (tag text primary key, seen_at timestamptz not null)`,
      );
      await this.heartbeat(em, true);
      const stale = await em.execute<{ name: string }[]>(
        `select t.tablename as name from pg_tables t
          where t.schemaname = ? and t.tablename like 'r\\_%'
            and not exists (select 1 from ${qualified(rollupSchema, 'owner')} o
                             where t.tablename like 'r\\_' || o.tag || '\\_%'
                               and o.seen_at > now() - make_interval(mins => ?))`,
        [rollupSchema, ownerTimeoutMinutes],
      );
      for (const { name } of stale)
        await em.execute(`drop table if exists ${qualified(rollupSchema, name)}`).catch(() => undefined);
      await em.execute(
        `delete from ${qualified(rollupSchema, 'owner')} where seen_at <= now() - make_interval(mins => ?)`,
        [ownerTimeoutMinutes],
      );
    })().catch((error: unknown) => {
      this.schemaReady = undefined;
      throw error;
    });
    return this.schemaReady;
  }

  private async heartbeat(em: EntityManager, force = false): Promise<void> {
    if (!force && Date.now() - this.beatAt < 60_000) return;
    this.beatAt = Date.now();
    await em.execute(
      `insert into ${qualified(rollupSchema, 'owner')} (tag, seen_at) values (?, now())
       on conflict (tag) do update set seen_at = now()`,
      [this.tag],
    );
  }
}

/** A rollup is its SQL: a definition, filter or metadata change that alters the SQL is another rollup. */
function rollupKey(report: ResolvedReport, where: readonly Sql[]): string {
  const rows = rowsOf(report, where, true);
  return (
    createHash('sha256')
      // The measures' kinds too: a SUM and a MIN of one field read the same rows into other groups.
      .update(
        JSON.stringify([report.metadata.schema, rows.sql, rows.params, report.measures.map((m) => m.kind)]),
      )
      .digest('hex')
  );
}

/** What can be kept by sums: see the module comment. */
function canRollUp(report: ResolvedReport, where: readonly Sql[]): boolean {
  if (report.joins.length) return false;
  if (!report.measures.every((m) => rollable.has(m.kind))) return false;
  if (report.groups.some((g) => g.field.type === 'RELATION')) return false;
  return !where.some((w) => /\bselect\b/i.test(w.sql));
}
