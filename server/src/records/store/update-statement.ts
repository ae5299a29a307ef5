import { fieldTypeSpecs, type FieldDef, type ObjectDef, qualified, quote } from '../../metadata/index.js';
import type { RecordContext, RecordRow } from '../api.js';
import { columnsOf } from '../query/fields.js';
import { type Projection, rowDecoder, selectList } from '../query/rows.js';
import { searchDocumentSql } from '../query/search.js';
import { joinSql, type Sql, sql } from '../query/sql.js';
import { changeLogInsertOf, loggedChanges } from './change-log.js';
import { toWriteError } from './db-errors.js';
import type { RecordHooks, UpdateShape } from './hooks.js';
import { now, runQueuedWrite, type WriteTx } from './transaction.js';
import { type PreparedUpdate, searchGiven } from './writes.js';

/** What the statement returns: the row as written, and its change as logged. */
type Written = Record<string, unknown> & {
  _log_id: string;
  _log_at: Date | string;
  _log_changes: Record<string, [unknown, unknown]>;
};

/**
 * One record's update as a single statement, sent with BEGIN and COMMIT in one round trip:
 * it locks the row (live, at the expected version), writes the fields whose values differ,
 * and logs the change it worked out in SQL, old values as the locked row had them.
 *
 * Only for what needs nothing else: a write outside any transaction (on its own connection), a
 * writer whose update is not scoped, fields whose type works its API value out in SQL
 * (`jsonSql`: no relation or user to check; no VIN to decode, no links), and no hook that may
 * act on them in the transaction. Undefined otherwise (then nothing was sent), and when nothing
 * was written (a record missing, deleted, at another version or unchanged): the caller then
 * runs the usual update, which answers each of these as it always has.
 */
export async function updateInOneStatement(
  ctx: RecordContext,
  hooks: readonly RecordHooks[],
  object: ObjectDef,
  update: PreparedUpdate,
  fields?: Projection,
): Promise<RecordRow | undefined> {
  const given = [...update.record.values.keys()];
  const plain =
    given.length > 0 &&
    update.record.links.size === 0 &&
    given.every((f) => fieldTypeSpecs[f.type].jsonSql && !f.options.fills) &&
    !ctx.scope?.rows(object, 'update', 't');
  if (!plain || ctx.em.isInTransaction()) return undefined;
  const keys = given.map((f) => f.key);
  return runQueuedWrite(ctx, hooks, async (tx) => {
    const shape = { db: tx.db, metadata: tx.metadata, objectId: object.id, fieldKeys: keys };
    if (await hooksActOnUpdate(hooks, shape)) return now(undefined);
    // The log reads the new version and the written fields back from the row the update returns.
    const returned = fields ? new Set([...fields, 'version', ...keys]) : null;
    const written = tx.queue!<Written>(statementFor(tx, object, update, returned), (error) =>
      toWriteError(error, object, [update.record]),
    );
    const change = written.then(([row]) =>
      row
        ? loggedChanges(
            tx.actorId,
            [
              {
                objectId: object.id,
                recordId: update.id,
                kind: 'update',
                actorId: tx.actorId,
                changes: row._log_changes,
                version: Number(row.version),
              },
            ],
            [[{ id: row._log_id, created_at: row._log_at }]],
          )
        : [],
    );
    change.catch(() => undefined);
    tx.logged!.push(change);
    return async () => {
      const [row] = await written;
      return row ? rowDecoder(object, returned)(row) : undefined;
    };
  });
}

/** Whether a hook's afterWrite may act on the update (`RecordHooks.actsOnUpdate`; without it, it may). */
async function hooksActOnUpdate(hooks: readonly RecordHooks[], shape: UpdateShape): Promise<boolean> {
  for (const hook of hooks) {
    if (!hook.afterWrite) continue;
    if (!hook.actsOnUpdate || (await hook.actsOnUpdate(shape))) return true;
  }
  return false;
}

/** A field's API value as jsonb, from its columns' expressions (`name(i)` names column i). */
function jsonOf(field: FieldDef, name: (column: number) => string): string {
  return fieldTypeSpecs[field.type].jsonSql!(columnsOf(field).map((_, i) => name(i)));
}

function statementFor(tx: WriteTx, object: ObjectDef, update: PreparedUpdate, returned: Projection): Sql {
  const table = qualified(tx.metadata.schema, object.table);
  // Each field's columns: `given.n<f>_<c>` the new values, `old.o<f>_<c>` the locked row's.
  const fields = [...update.record.values].map(([field, values], f) => ({
    field,
    values,
    columns: columnsOf(field),
    newName: (c: number) => `n${f}_${c}`,
    oldName: (c: number) => `o${f}_${c}`,
  }));
  const given = joinSql(
    fields.flatMap((g) =>
      g.columns.map((column, c) => sql(`?::${column.sqlType} as ${g.newName(c)}`, g.values[c] ?? null)),
    ),
    ', ',
  );
  const locked = fields.flatMap((g) =>
    g.columns.map((column, c) => `t.${quote(column.name)} as ${g.oldName(c)}`),
  );
  const sets: Sql[] = fields.flatMap((g) =>
    g.columns.map((column, c) => sql(`${quote(column.name)} = given.${g.newName(c)}`)),
  );
  const searched = searchGiven(update.record.values);
  if (searched.size) {
    const document = searchDocumentSql(object, searched, 't');
    sets.push({ sql: `search = ${document.sql}`, params: document.params });
  }
  sets.push(sql('version = t.version + 1, updated_at = now(), updated_by = ?::uuid', tx.actorId));
  const assignments = joinSql(sets, ', ');
  const before = (g: (typeof fields)[number]) => jsonOf(g.field, (c) => `old.${g.oldName(c)}`);
  // Compared as API values, as the store's `sameValue` does (jsonb compares numbers by value).
  const differs = fields
    .map((g) => `${before(g)} is distinct from ${jsonOf(g.field, (c) => `given.${g.newName(c)}`)}`)
    .join(' or ');
  const changes = joinSql(
    fields.map((g) => {
      const after = jsonOf(g.field, (c) => `upd.${quote(g.columns[c]!.name)}`);
      return sql(
        `case when ${before(g)} is distinct from ${after}
           then jsonb_build_object(?::text, jsonb_build_array(${before(g)}, ${after})) else '{}'::jsonb end`,
        g.field.key,
      );
    }),
    ' || ',
  );
  const log = changeLogInsertOf(tx.metadata.schema, object.id, tx.actorId, 'upd', changes, ['old']);
  const version =
    update.expectedVersion === null ? sql('') : sql(' and t.version = ?::integer', update.expectedVersion);
  return {
    sql: `with given as (select ${given.sql}), old as (
        select t.id, ${locked.join(', ')} from ${table} t
        where t.id = ?::uuid and t.deleted_at is null${version.sql} for update of t
      ), upd as (
        update ${table} t set ${assignments.sql} from old, given
        where t.id = old.id and (${differs})
        returning ${selectList(tx.metadata, object, 't', returned)}
      ), log as (${log.sql})
      select upd.*, log.id as _log_id, log.created_at as _log_at, log.changes as _log_changes from upd, log`,
    params: [...given.params, update.id, ...version.params, ...assignments.params, ...log.params],
  };
}
