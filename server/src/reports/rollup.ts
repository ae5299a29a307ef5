import { createHash, randomBytes } from 'node:crypto';
import { IsolationLevel, type EntityManager } from '@mikro-orm/postgresql';
import { qualified, quote } from '../metadata/index.js';
import { joinSql, sql, type Sql } from '../records/index.js';
import { setBounded, type Logger } from '../platform/index.js';
import { combined, groupKeys, partials, rankAndLimit, rowsOf } from './compile.js';
import { rowAlias, type ResolvedReport } from './resolve.js';

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
const extreme = (kind: string) => kind === 'MIN' || kind === 'MAX';
const keepsExtremes = (report: ResolvedReport) => report.measures.some((m) => extreme(m.kind));
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
  table: string;
  objectId: string;
  /** `pg_snapshot` text: what `p`, `q` and `a` are as of. */
  snapshot: string;
  /** About as many rows as `q` holds: the changed records counted by the catch-ups since its last merge. */
  queued: number;
  /** The answers read over `a` as it is, by statement (sort and limit may differ). */
  answers: Map<string, Record<string, unknown>[]>;
  usedAt: number;
  /** Reads of one rollup run one after the other. */
  queue: Promise<unknown>;
  ready: boolean;
}

export class ReportRollups {
  private readonly rollups = new Map<string, Rollup>();
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
  ): Promise<Record<string, unknown>[] | null> {
    const entry = await this.entry(em, report, where, timeIndependent);
    return entry ? this.readEntry(em, report, entry) : null;
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
    if (this.rollups.has(rollupKey(report, rowsOf(report, where, true)))) return 'kept';
    const entry = await this.entry(em, report, where, timeIndependent);
    if (!entry) return 'direct';
    // Another warm-up or a read may have made it meanwhile: queued behind it, this is a catch-up.
    return (await this.readEntry(em, report, entry)) ? 'built' : 'direct';
  }

  /** Drops every rollup of this process (the benchmark's cold figure). */
  async clear(em: EntityManager): Promise<void> {
    const all = [...this.rollups.values()];
    this.rollups.clear();
    for (const rollup of all) {
      rollup.queue = rollup.queue.then(() => this.drop(em.fork(), rollup));
      await rollup.queue;
    }
  }

  private async entry(
    em: EntityManager,
    report: ResolvedReport,
    where: readonly Sql[],
    timeIndependent: boolean,
  ): Promise<{ key: string; rows: Sql; rollup: Rollup } | null> {
    if (!timeIndependent || !canRollUp(report, where)) return null;
    const rows = rowsOf(report, where, true);
    const key = rollupKey(report, rows);
    let rollup = this.rollups.get(key);
    if (!rollup) {
      if (!(await this.bigEnough(em, report))) return null;
      rollup = this.rollups.get(key);
    }
    if (!rollup) {
      rollup = {
        table: `r_${this.tag}_${++this.serial}`,
        objectId: report.object.id,
        snapshot: '',
        queued: 0,
        answers: new Map(),
        usedAt: Date.now(),
        queue: Promise.resolve(),
        ready: false,
      };
      this.rollups.set(key, rollup);
      this.evict(em);
    }
    return { key, rows, rollup };
  }

  private async readEntry(
    em: EntityManager,
    report: ResolvedReport,
    { key, rows, rollup }: { key: string; rows: Sql; rollup: Rollup },
  ): Promise<Record<string, unknown>[] | null> {
    rollup.usedAt = Date.now();
    const next = rollup.queue.then(() => this.readRollup(em, report, rows, rollup));
    rollup.queue = next.catch(() => undefined);
    try {
      return await next;
    } catch (error) {
      // A rollup that failed half-way is not trusted again, and this read runs the direct statement.
      this.logger.warn({ err: error }, 'report rollup failed; reading directly');
      if (this.rollups.get(key) === rollup) this.rollups.delete(key);
      rollup.queue = rollup.queue.then(() => this.drop(em.fork(), rollup));
      return null;
    }
  }

  stats(): { rollups: number } {
    return { rollups: this.rollups.size };
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
    rows: Sql,
    rollup: Rollup,
  ): Promise<Record<string, unknown>[]> {
    await this.ensureSchema(em);
    await this.heartbeat(em);
    const statement = this.statement(report, rollup);
    const key = JSON.stringify([statement.sql, statement.params]);
    let changed = 0;
    if (rollup.ready) {
      // One statement, in no transaction (a fork: not in the caller's, whose snapshot may be
      // older than the rollup's): with nothing written since the snapshot, the answer kept for
      // this statement stands and the snapshot moves forward (what was in flight then is in
      // flight now, and still not seen).
      const since = changedSince(report, rollup);
      const [now] = await em
        .fork()
        .execute<{ snapshot: string; n: number }[]>(
          `select pg_current_snapshot()::text as snapshot, (select count(*)::int from (${since.sql}) c) as n`,
          since.params,
        );
      changed = now!.n;
      const kept = changed ? undefined : rollup.answers.get(key);
      if (kept) {
        rollup.snapshot = now!.snapshot;
        return kept.map((row) => ({ ...row }));
      }
    }
    return em.fork().transactional(
      async (tx) => {
        const [{ snapshot }] = (await tx.execute<{ snapshot: string }[]>(
          'select pg_current_snapshot()::text as snapshot',
        )) as [{ snapshot: string }];
        if (!rollup.ready) await this.build(tx, report, rows, rollup);
        else if (!(await this.catchUp(tx, report, rows, rollup, changed))) {
          await this.drop(tx, rollup);
          await this.build(tx, report, rows, rollup);
        }
        rollup.snapshot = snapshot;
        const answer = await tx.execute<Record<string, unknown>[]>(statement.sql, statement.params);
        setBounded(rollup.answers, key, answer, answersKept);
        return answer.map((row) => ({ ...row }));
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ },
    );
  }

  private names(rollup: Rollup): { p: string; q: string; a: string } {
    return {
      p: qualified(rollupSchema, `${rollup.table}_p`),
      q: qualified(rollupSchema, `${rollup.table}_q`),
      a: qualified(rollupSchema, `${rollup.table}_a`),
    };
  }

  private async build(tx: EntityManager, report: ResolvedReport, rows: Sql, rollup: Rollup): Promise<void> {
    const { p, q, a } = this.names(rollup);
    const keys = groupKeys(report);
    // No vacuum for having been filled: right after a build (a warm-up), autovacuum would scan
    // every row of it again, beside the reads it was built for. Dead rows from catch-ups still
    // bring vacuum; its statistics are taken here, in the build, not by autovacuum later.
    await tx.execute(
      `create unlogged table ${p} with (autovacuum_vacuum_insert_threshold = -1) as select x.*${groupColumn(report, keys, 'x')} from (${rows.sql}) x`,
      rows.params,
    );
    await tx.execute(
      `create unlogged table ${a} as select ${[...keys, '0::smallint as z', 'count(*)::bigint as c', ...partials(report), 'false as dirty'].join(', ')} from ${p} group by ${[...keys, 'z'].join(', ')}`,
    );
    await tx.execute(`create unique index on ${a} (${[...keys, 'z'].join(', ')}) nulls not distinct`);
    await tx.execute(`create unlogged table ${q} (like ${p})`);
    for (const rows of [p, q]) {
      await tx.execute(`create index on ${rows} (id)`);
      // A group's minimum or maximum after a delete is found again in its rows, through these.
      for (const [i, m] of report.measures.entries())
        if (extreme(m.kind)) await tx.execute(`create index on ${rows} (k, v${i})`);
    }
    await tx.execute(`analyze ${p}`);
    rollup.queued = 0;
    rollup.answers.clear();
    rollup.ready = true;
  }

  /**
   * Brings `p`, `q` and `a` from the rollup's snapshot to the transaction's; false: build anew.
   *
   * A changed record's old row leaves `p` or `q`, its row as it is now goes into `q`, and `a` is
   * adjusted by the difference. New rows go into `q`, not `p`: ids are random, so every insert
   * into `p`'s id index lands on a leaf page of its own, and in a big index those pages are cold
   * (measured: 15 µs a row at 100,000 rows, 35 at 1,000,000, against 3–6 in a small table; all
   * buffers hit, so it is the memory, not the disk). `q` stays small and warm until
   * it holds `options.mergeAt` rows, which then move into `p` in id order (one pass over its leaves).
   */
  private async catchUp(
    tx: EntityManager,
    report: ResolvedReport,
    rows: Sql,
    rollup: Rollup,
    counted: number,
  ): Promise<boolean> {
    // `counted`: the changed records a moment before this transaction (readRollup); the
    // statement below reads them (and any since) in the transaction's snapshot, so the ids stay
    // in the database. None counted then: counted again here, where it decides.
    const changed = changedSince(report, rollup);
    let n = counted;
    if (!n) {
      const [count] = await tx.execute<{ n: number }[]>(
        `select count(*)::int as n from (${changed.sql}) c`,
        changed.params,
      );
      n = count?.n ?? 0;
    }
    if (!n) return true;
    if (n > maxDelta) return false;
    const { p, q, a } = this.names(rollup);
    const keys = groupKeys(report);
    const values = report.measures.map((_, i) => `v${i}`);
    // Only a MIN or MAX needs the touched groups marked, to look their extreme up again below.
    const marks = keepsExtremes(report);
    const columns = [...keys, ...values];
    // COUNT keeps no sum: its value column is an untyped null.
    const signed = (sign: string, from: string) =>
      `select ${[
        ...keys,
        `${sign}1 as c`,
        ...report.measures.flatMap((m, i) =>
          m.kind === 'COUNT'
            ? [`0::numeric as s${i}`, `0 as n${i}`]
            : extreme(m.kind)
              ? [`null::numeric as s${i}`, `${sign}(v${i} is not null)::int as n${i}`]
              : [`${sign}coalesce(v${i}, 0) as s${i}`, `${sign}(v${i} is not null)::int as n${i}`],
        ),
      ].join(', ')} from ${from}`;
    // The changed records are looked up one by one through the id indexes (a lateral subquery
    // behind `offset 0` is run per id, never flattened into a join): with `id = any(…)` the
    // planner scanned all of `p`, or a whole field index of the object, for a few hundred ids
    // once the tables were small enough to make that look cheaper.
    const leave = (table: string) =>
      `delete from ${table} where ctid = any(array(select r.ctid from c cross join lateral (select ctid from ${table} r where r.id = c.id offset 0) r where not c.created)) returning ${columns.join(', ')}`;
    const delta = joinSql(
      [
        sql('with c as materialized ('),
        changed,
        sql(`), old_p as (${leave(p)}), old_q as (${leave(q)}), `),
        sql(
          `new as (insert into ${q} select x.*${groupColumn(report, keys, 'x')} from c cross join lateral (`,
        ),
        rows,
        sql(` and ${rowAlias}.id = c.id offset 0) x returning ${columns.join(', ')}), `),
        sql(
          `d as (select ${[...keys, '0::smallint as z', 'sum(c) as c', ...values.flatMap((_, i) => [`sum(s${i}) as s${i}`, `sum(n${i}) as n${i}`]), `${marks} as dirty`].join(', ')}
           from (${signed('-', 'old_p')} union all ${signed('-', 'old_q')} union all ${signed('', 'new')}) x group by ${[...keys, 'z'].join(', ')}) `,
        ),
        sql(
          `insert into ${a} as r select * from d on conflict (${[...keys, 'z'].join(', ')}) do update set ${[
            'c = r.c + excluded.c',
            ...report.measures.flatMap((m, i) => [
              extreme(m.kind) ? `s${i} = r.s${i}` : `s${i} = r.s${i} + excluded.s${i}`,
              `n${i} = r.n${i} + excluded.n${i}`,
            ]),
            `dirty = ${marks}`,
          ].join(', ')} returning r.c`,
        ),
      ],
      '',
    );
    const counts = await tx.execute<{ c: string | number }[]>(delta.sql, delta.params);
    rollup.queued += n;
    rollup.answers.clear();
    // A group whose last record left is no group: the direct statement would not show it.
    if (counts.some((row) => Number(row.c) === 0)) await tx.execute(`delete from ${a} where c = 0`);
    if (marks) {
      const extremes = report.measures.flatMap((m, i) => {
        if (!extreme(m.kind)) return [];
        const of = (table: string) =>
          `(select ${m.kind.toLowerCase()}(x.v${i}) from ${table} x where x.k = ${groupText(keys, 'r')})`;
        // greatest and least pass over nulls: a group with rows in one table only.
        return [`s${i} = ${m.kind === 'MIN' ? 'least' : 'greatest'}(${of(p)}, ${of(q)})`];
      });
      // The groups the changes touched: a minimum or maximum that left is looked up again.
      await tx.execute(`update ${a} r set ${[...extremes, 'dirty = false'].join(', ')} where dirty`);
    }
    if (rollup.queued >= this.options.mergeAt) {
      await tx.execute(`insert into ${p} select * from ${q} order by id`);
      await tx.execute(`truncate ${q}`);
      rollup.queued = 0;
    }
    return true;
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
    oldest.queue = oldest.queue.then(() => this.drop(em.fork(), oldest));
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

/**
 * The records of the rollup's object changed since its snapshot, once each; `created`: created
 * since, so in neither `p` nor `q` (records are created once, under a new id, and never deleted
 * for good), and not looked up there: a form or an import costs the rollups no probes.
 */
function changedSince(report: ResolvedReport, rollup: Rollup): Sql {
  return sql(
    `select record_id as id, bool_or(kind = 'create') as created
     from ${qualified(report.metadata.schema, 'record_change')}
     where object_id = ? and xid >= pg_snapshot_xmin(?::pg_snapshot)
       and not pg_visible_in_snapshot(xid, ?::pg_snapshot)
     group by record_id`,
    rollup.objectId,
    rollup.snapshot,
    rollup.snapshot,
  );
}

/** A rollup is its SQL: a definition, filter or metadata change that alters the SQL is another rollup. */
function rollupKey(report: ResolvedReport, rows: Sql): string {
  return createHash('sha256')
    .update(JSON.stringify([report.metadata.schema, rows.sql, rows.params]))
    .digest('hex');
}

/**
 * `p.k`, the row's group as one text, for a report with a MIN or MAX only: it is how a touched
 * group's rows are found again. Without one, `p` does without it (a third of its width).
 */
function groupColumn(report: ResolvedReport, keys: string[], alias: string): string {
  return keepsExtremes(report) ? `, ${groupText(keys, alias)} as k` : '';
}

/** A row's group as one indexable text (its keys may be null): `p.k`, and `a`'s groups found in it. */
function groupText(keys: string[], alias: string): string {
  return `jsonb_build_array(${keys.map((k) => `${alias}.${k}`).join(', ')})::text`;
}

/** What can be kept by sums: see the module comment. */
function canRollUp(report: ResolvedReport, where: readonly Sql[]): boolean {
  if (report.joins.length) return false;
  if (!report.measures.every((m) => rollable.has(m.kind))) return false;
  if (report.groups.some((g) => g.field.type === 'RELATION')) return false;
  return !where.some((w) => /\bselect\b/i.test(w.sql));
}
