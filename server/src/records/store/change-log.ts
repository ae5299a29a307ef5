import type { EntityManager } from '@mikro-orm/postgresql';
import { qualified } from '../../metadata/index.js';
import { queryRows } from '../../platform/index.js';
import type { ChangeLogRow, ChangeLogPosition, RecordChange } from '../api.js';
import { pgArrayLiteral, sql, type Sql } from '../query/sql.js';
import type { PendingChange, WriteSql } from './hooks.js';

/**
 * The per-workspace `record_change` table: audit log, field history and the change
 * feed's outbox, appended in the write's own transaction. This file is its only
 * reader and writer.
 *
 * Writers take no lock, so change ids are drawn in one order and committed in
 * another. Readers deliver in id order anyway, never passing an id whose transaction
 * may still commit: see `readChangeLogPosition` and docs/realtime.md.
 */

export type { PendingChange } from './hooks.js';

const rowsPerStatement = 10_000;

const table = (schema: string) => qualified(schema, 'record_change');
const sequence = (schema: string) => qualified(schema, 'record_change_id_seq');

/** The table in a new workspace schema (a workspace schema part the app registers). */
export function createChangeLogSql(schema: string): string[] {
  return [
    `create table ${table(schema)} (
      id bigserial primary key,
      object_id uuid not null,
      record_id uuid not null,
      kind text not null check (kind in ('create', 'update', 'delete', 'restore', 'convert')),
      actor_id uuid,
      changes jsonb not null,
      version integer not null,
      created_at timestamptz not null default now(),
      xid xid8 not null default pg_current_xact_id()
    )`,
    `create index record_change_record_idx on ${table(schema)} (record_id, id)`,
    // Finds the changes of transactions in flight at a reader's snapshot (readChangeLogPosition).
    `create index record_change_xid_idx on ${table(schema)} (xid)`,
  ];
}

/**
 * The statements appending `pending` in order (up to 10,000 rows each, one array parameter
 * per column, so a bulk write's log is one statement); each returns the change ids it drew,
 * which `loggedChanges` pairs with the changes.
 */
export function changeLogInserts(schema: string, actorId: string, pending: readonly PendingChange[]): Sql[] {
  const statements: Sql[] = [];
  for (let start = 0; start < pending.length; start += rowsPerStatement) {
    const part = pending.slice(start, start + rowsPerStatement);
    // The transaction's id is taken (in the one-row subquery) before any change id is
    // drawn from the sequence: readers rely on every holder of an id having an xid.
    statements.push(
      sql(
        `insert into ${table(schema)} (xid, id, object_id, record_id, kind, actor_id, changes, version)
         select tx.xid, nextval('${sequence(schema)}'), v.object_id, v.record_id, v.kind, ?::uuid, v.changes::jsonb, v.version
         from (select pg_current_xact_id() as xid offset 0) tx,
              unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::integer[])
                as v (object_id, record_id, kind, changes, version)
         returning id, created_at`,
        actorId,
        part.map((c) => c.objectId),
        part.map((c) => c.recordId),
        part.map((c) => c.kind),
        part.map((c) => JSON.stringify(c.changes)),
        part.map((c) => c.version),
      ),
    );
  }
  return statements;
}

/**
 * The log's insert as a data-modifying CTE of a statement that writes the records itself: one
 * update per row of the CTE `source` (its `id` and new `version`), `changes` an expression over
 * the statement's CTEs. It returns `id`, `created_at` and `changes`: `loggedChanges` pairs
 * the first two with the change, as for `changeLogInserts`.
 */
export function changeLogInsertOf(
  schema: string,
  objectId: string,
  actorId: string,
  source: string,
  changes: Sql,
  joined: readonly string[] = [],
): Sql {
  return {
    // As in changeLogInserts: the transaction's id is taken before a change id is drawn.
    sql: `insert into ${table(schema)} (xid, id, object_id, record_id, kind, actor_id, changes, version)
      select tx.xid, nextval('${sequence(schema)}'), ?::uuid, ${source}.id, 'update', ?::uuid, ${changes.sql}, ${source}.version
      from (select pg_current_xact_id() as xid offset 0) tx, ${[source, ...joined].join(', ')}
      returning id, created_at, changes`,
    params: [objectId, actorId, ...changes.params],
  };
}

/** What a statement of `changeLogInserts` returns per row. */
export interface LoggedRow {
  id: string;
  created_at: Date | string;
}

/** `pending` with the change ids (and log time) the statements of `changeLogInserts` returned. */
export function loggedChanges(
  actorId: string,
  pending: readonly PendingChange[],
  returned: readonly (readonly LoggedRow[])[],
): RecordChange[] {
  // Ids are drawn in VALUES order; sorting guards against RETURNING reordering.
  const ids = returned.flatMap((rows) =>
    rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  // `created_at` is the transaction's start: the same for every row of the write.
  const loggedAt = returned[0]?.[0]?.created_at;
  const at = loggedAt === undefined ? undefined : new Date(loggedAt);
  // Built field by field: a spread here sees changes of every kind and shape, and V8's
  // generic copy for them was the costliest line of a create (bench:profile).
  return pending.map((change, i) => {
    const logged: RecordChange = {
      changeId: String(ids[i]),
      objectId: change.objectId,
      recordId: change.recordId,
      kind: change.kind,
      actorId,
      changes: change.changes,
      version: change.version,
    };
    const loggedAtOrGiven = at ?? change.at;
    if (loggedAtOrGiven) logged.at = loggedAtOrGiven;
    return logged;
  });
}

/** The field keys changed on a record since `version` (for a version conflict). */
export async function fieldsChangedSince(
  db: WriteSql,
  schema: string,
  objectId: string,
  recordId: string,
  version: number,
): Promise<string[]> {
  const rows = await db.execute<{ changes: Record<string, unknown> }[]>(
    `select changes from ${table(schema)} where record_id = ?::uuid and object_id = ?::uuid and version > ? order by id`,
    [recordId, objectId, version],
  );
  return [...new Set(rows.flatMap((r) => Object.keys(r.changes ?? {})))];
}

/**
 * The position's `horizon`, from `snap` (the statement's snapshot) and `needed` (the oldest
 * reader xid the caller waits on; null: none). Plain `xmin` is the oldest transaction in flight
 * on the whole server, in any database: one idle transaction anywhere would hold every feed
 * back. So when `xmin` is not enough, the horizon skips the transactions in flight that cannot
 * hold a change id of this log: those still running (they hold the exclusive lock on their own
 * xid; a transaction waiting for one takes a share lock) that hold no lock on `record_change`
 * beyond a reader's (a writer takes its lock before it draws an id, and keeps it to its end).
 * One that ended after the snapshot was taken cannot be told apart, so it still counts: its
 * rows are not visible to the snapshot. The locks are read after the snapshot was taken.
 */
function horizonSql(snap: string, needed: string): string {
  return `case when coalesce(pg_snapshot_xmin(${snap}) >= ${needed}, true) then pg_snapshot_xmin(${snap})
    else least(pg_snapshot_xmax(${snap}), (
      with locks as materialized (
        select locktype, mode, transactionid, virtualtransaction, relation, database from pg_locks where granted)
      select min(x) from pg_snapshot_xip(${snap}) x
      where not exists (
        select 1 from locks r
        where r.locktype = 'transactionid' and r.transactionid = x::xid and r.mode = 'ExclusiveLock'
          and not exists (
            select 1 from locks w
            where w.virtualtransaction = r.virtualtransaction and w.locktype = 'relation'
              and w.relation = ?::text::regclass and w.mode <> 'AccessShareLock'
              and w.database = (select oid from pg_database where datname = current_database()))))) end`;
}

/**
 * Where the log stands: the last change id drawn so far, then (only when that id is
 * above `knownUpTo`) a transaction id of the reader's own, assigned after the read.
 * Every transaction holding an id up to `lastId` took its xid before drawing it, so
 * its xid is below `readerXid`; once a later position's `horizon` reaches `readerXid`,
 * all of them have ended and every id up to `lastId` is settled: committed and
 * visible, or rolled back for good. `snapshot` is this statement's snapshot. `settles`
 * is the reader xid the caller waits on; without it the horizon is `xmin` (nothing to look up).
 */
export async function readChangeLogPosition(
  em: EntityManager,
  schema: string,
  knownUpTo: bigint,
  settles?: bigint,
): Promise<ChangeLogPosition> {
  // The sequence is read by the scan; the projection assigns the xid after it.
  const [row] = await queryRows<{
    last_id: string;
    reader_xid: string | null;
    xmin: string;
    horizon: string;
    snapshot: string;
  }>(
    em,
    `select p.last_id, p.reader_xid::text, pg_snapshot_xmin(p.snap)::text as xmin,
            (${horizonSql('p.snap', '?::xid8')})::text as horizon, p.snap::text as snapshot
     from (select case when s.is_called then s.last_value else 0 end as last_id,
                  case when s.is_called and s.last_value > ?::bigint then pg_current_xact_id() end as reader_xid,
                  pg_current_snapshot() as snap
           from ${sequence(schema)} s offset 0) p`,
    [settles?.toString() ?? null, table(schema), knownUpTo.toString()],
  );
  return {
    lastId: BigInt(row!.last_id),
    readerXid: row!.reader_xid === null ? null : BigInt(row!.reader_xid),
    xmin: BigInt(row!.xmin),
    horizon: BigInt(row!.horizon),
    snapshot: row!.snapshot,
  };
}

const selectChanges = (schema: string) =>
  `select c.id, c.object_id, o.key as object_key, c.record_id, c.kind, c.version, c.actor_id, c.created_at, c.changes, c.xid::text as xid
   from ${table(schema)} c join public.object_def o on o.id = c.object_id`;

/** A position read earlier whose ids settle once a later read's `horizon` reaches `readerXid`. */
export interface ChangeLogWatermark {
  lastId: bigint;
  readerXid: bigint;
}

export interface SettledRead {
  /** Where the log stands at this read (its `readerXid` makes a new watermark). */
  position: ChangeLogPosition;
  /** The highest id now settled: the last watermark (its own included) this read's `horizon` passed, else `after`. */
  settledUpTo: bigint;
  /** Up to `limit` changes in (after, settledUpTo], in id order. */
  rows: ChangeLogRow[];
}

/**
 * A change feed's steady read in one round trip: the position (as `readChangeLogPosition`),
 * which of the earlier `watermarks` it settles, and the first changes up to the highest of
 * them. The rows come from the same snapshot whose `horizon` settled them, so every holder of
 * those ids has ended before it and what committed is visible to it.
 */
export async function readSettledChanges(
  em: EntityManager,
  schema: string,
  read: { after: bigint; knownUpTo: bigint; watermarks: readonly ChangeLogWatermark[]; limit: number },
): Promise<SettledRead> {
  const rows = await queryRows<
    Partial<ChangeLogRow> & {
      last_id: string;
      reader_xid: string | null;
      xmin: string;
      horizon: string;
      snapshot: string;
      up_to: string;
    }
  >(
    em,
    `with pos as materialized (
       select case when s.is_called then s.last_value else 0 end as last_id,
              case when s.is_called and s.last_value > ?::bigint then pg_current_xact_id() end as reader_xid,
              pg_current_snapshot() as snap
       from ${sequence(schema)} s),
     watermarks as (
       select w.last_id, w.reader_xid from unnest(?::bigint[], ?::xid8[]) as w (last_id, reader_xid)
       union all select pos.last_id, pos.reader_xid from pos where pos.reader_xid is not null),
     horizon as materialized (
       select ${horizonSql('pos.snap', '(select min(reader_xid) from watermarks)')} as xid from pos),
     settled as (
       select coalesce(max(w.last_id), ?::bigint) as up_to
       from horizon left join watermarks w on w.reader_xid <= horizon.xid)
     select pos.last_id::text as last_id, pos.reader_xid::text as reader_xid,
            pg_snapshot_xmin(pos.snap)::text as xmin, horizon.xid::text as horizon, pos.snap::text as snapshot,
            settled.up_to::text as up_to, c.*
     from pos cross join horizon cross join settled
     left join lateral (${selectChanges(schema)}
       where c.id > ?::bigint and c.id <= settled.up_to order by c.id limit ${Math.trunc(read.limit)}) c on true`,
    [
      read.knownUpTo.toString(),
      pgArrayLiteral(read.watermarks.map((w) => w.lastId.toString())),
      pgArrayLiteral(read.watermarks.map((w) => w.readerXid.toString())),
      table(schema),
      read.after.toString(),
      read.after.toString(),
    ],
  );
  const first = rows[0]!;
  return {
    position: {
      lastId: BigInt(first.last_id),
      readerXid: first.reader_xid === null ? null : BigInt(first.reader_xid),
      xmin: BigInt(first.xmin),
      horizon: BigInt(first.horizon),
      snapshot: first.snapshot,
    },
    settledUpTo: BigInt(first.up_to),
    rows: rows
      .filter((r) => r.id != null)
      .map(
        ({ id, object_id, object_key, record_id, kind, version, actor_id, created_at, changes, xid }) =>
          ({
            id,
            object_id,
            object_key,
            record_id,
            kind,
            version,
            actor_id,
            created_at,
            changes,
            xid,
          }) as ChangeLogRow,
      ),
  };
}

export interface ChangeRange {
  /**
   * Exclusive: a change id, or a snapshot (`readSnapshot`) whose changes are excluded —
   * those committed when it was taken; the rest, whatever their ids, are in the range.
   */
  after: bigint | { snapshot: string };
  /** Inclusive: a settled id (see `readChangeLogPosition`). */
  upTo: bigint;
  objectId?: string;
  recordId?: string;
  limit: number;
}

/** Changes in (after, upTo], in id order. */
export async function readChanges(
  em: EntityManager,
  schema: string,
  range: ChangeRange,
): Promise<ChangeLogRow[]> {
  const conditions = ['c.id <= ?::bigint'];
  const params: unknown[] = [range.upTo.toString()];
  if (typeof range.after === 'bigint') {
    conditions.push('c.id > ?::bigint');
    params.push(range.after.toString());
  } else {
    conditions.push(
      'c.xid >= pg_snapshot_xmin(?::pg_snapshot)',
      'not pg_visible_in_snapshot(c.xid, ?::pg_snapshot)',
    );
    params.push(range.after.snapshot, range.after.snapshot);
  }
  if (range.objectId) {
    conditions.push('c.object_id = ?::uuid');
    params.push(range.objectId);
  }
  if (range.recordId) {
    conditions.push('c.record_id = ?::uuid');
    params.push(range.recordId);
  }
  return queryRows<ChangeLogRow>(
    em,
    `${selectChanges(schema)} where ${conditions.join(' and ')} order by c.id limit ${Math.trunc(range.limit)}`,
    params,
  );
}

/** The changes with these ids (a batch of automation runs reading what triggered each). */
export async function readChangesById(
  em: EntityManager,
  schema: string,
  ids: readonly string[],
): Promise<ChangeLogRow[]> {
  if (!ids.length) return [];
  return queryRows<ChangeLogRow>(em, `${selectChanges(schema)} where c.id = any(?::bigint[]) order by c.id`, [
    `{${ids.join(',')}}`,
  ]);
}

/**
 * Changes with ids up to `position.lastId` that were not yet committed at `position`
 * (their transactions were in flight), in id order. Call once that position is settled.
 */
export async function readChangesCommittedSince(
  em: EntityManager,
  schema: string,
  position: ChangeLogPosition,
): Promise<ChangeLogRow[]> {
  return queryRows<ChangeLogRow>(
    em,
    `${selectChanges(schema)} where c.xid >= ?::xid8 and c.id <= ?::bigint
       and not pg_visible_in_snapshot(c.xid, ?::pg_snapshot) order by c.id`,
    [position.xmin.toString(), position.lastId.toString(), position.snapshot],
  );
}

/** Which of these objects have changes that the snapshot `since` (a `changeCursor`) did not see. */
export async function objectsChangedSince(
  em: EntityManager,
  schema: string,
  objectIds: readonly string[],
  since: string,
): Promise<string[]> {
  if (!objectIds.length) return [];
  const rows = await queryRows<{ object_id: string }>(
    em,
    `select distinct c.object_id from ${table(schema)} c where c.object_id = any(?::uuid[])
       and c.xid >= pg_snapshot_xmin(?::pg_snapshot) and not pg_visible_in_snapshot(c.xid, ?::pg_snapshot)`,
    [`{${objectIds.join(',')}}`, since, since],
  );
  return rows.map((row) => row.object_id);
}

/**
 * The current snapshot, as text: a position in the change log that a later read can resume
 * from exactly (`ChangeRange.after`), whatever order the ids in flight commit in.
 */
export async function readSnapshot(em: EntityManager): Promise<string> {
  const [row] = await queryRows<{ snapshot: string }>(em, 'select pg_current_snapshot()::text as snapshot');
  return row!.snapshot;
}

/** One record's changes, newest first. */
export async function readRecordHistory(
  em: EntityManager,
  schema: string,
  objectId: string,
  recordId: string,
  first: number,
): Promise<ChangeLogRow[]> {
  return queryRows<ChangeLogRow>(
    em,
    `${selectChanges(schema)} where c.object_id = ?::uuid and c.record_id = ?::uuid order by c.id desc limit ?`,
    [objectId, recordId, first],
  );
}

export interface RecordTimelineRange {
  objectId: string;
  recordId: string;
  /** Exclusive: a change id from an earlier page; null for the newest. */
  before: bigint | null;
  limit: number;
  /**
   * Field keys the reader does not show (archived fields, or fields another item kind
   * tells, like stage moves): an update touching only these is left out.
   */
  hiddenKeys: readonly string[];
}

/** One record's changes for its timeline, newest first, a page at a time. */
export async function readRecordTimeline(em: EntityManager, schema: string, range: RecordTimelineRange) {
  const conditions = ['c.object_id = ?::uuid', 'c.record_id = ?::uuid'];
  const params: unknown[] = [range.objectId, range.recordId];
  if (range.before !== null) {
    conditions.push('c.id < ?::bigint');
    params.push(range.before.toString());
  }
  if (range.hiddenKeys.length) {
    conditions.push(`(c.kind <> 'update' or (c.changes - ?::text[]) <> '{}'::jsonb)`);
    params.push(pgArrayLiteral(range.hiddenKeys));
  }
  return em.execute<ChangeLogRow[]>(
    `${selectChanges(schema)} where ${conditions.join(' and ')} order by c.id desc limit ${Math.trunc(range.limit)}`,
    params,
  );
}

/** What an erasure replaces in a record's logged changes (a privacy request: docs/security.md). */
export interface ChangeErasure {
  objectId: string;
  recordId: string;
  /** Field key → the value every logged value of that field becomes (its anonymised value). */
  values: Readonly<Record<string, unknown>>;
  /** Texts (a name, an address) cut out of every other logged string value, ignoring case. */
  terms: readonly string[];
}

/** `value` with each of `terms` in its strings replaced by `[erased]`. */
export function withoutTerms(value: unknown, terms: readonly string[]): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const term of terms) text = text.replace(new RegExp(escapeRegExp(term), 'gi'), '[erased]');
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => withoutTerms(v, terms));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutTerms(v, terms)]));
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites a record's history in place, inside the erasing transaction: the erased fields'
 * old and new values become the anonymised ones, and the terms leave every other value, so
 * the history, the timeline and a change feed replayed from the start no longer hold them.
 * Returns how many change rows were rewritten.
 */
export async function eraseLoggedValues(
  db: WriteSql,
  schema: string,
  erasure: ChangeErasure,
): Promise<number> {
  const rows = await db.execute<{ id: string; changes: Record<string, [unknown, unknown]> }[]>(
    `select id, changes from ${table(schema)} where record_id = ?::uuid and object_id = ?::uuid for update`,
    [erasure.recordId, erasure.objectId],
  );
  const terms = erasure.terms.filter((t) => t.trim().length > 0);
  let rewritten = 0;
  for (const row of rows) {
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [key, pair] of Object.entries(row.changes ?? {})) {
      changes[key] =
        key in erasure.values
          ? (pair.map((v) => (v === null ? null : erasure.values[key])) as [unknown, unknown])
          : (withoutTerms(pair, terms) as [unknown, unknown]);
    }
    if (JSON.stringify(changes) === JSON.stringify(row.changes)) continue;
    await db.execute(`update ${table(schema)} set changes = ?::jsonb where id = ?::bigint`, [
      JSON.stringify(changes),
      row.id,
    ]);
    rewritten += 1;
  }
  return rewritten;
}
