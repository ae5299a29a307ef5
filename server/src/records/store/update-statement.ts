import { fieldTypeSpecs, type FieldDef, type ObjectDef, qualified, quote } from '../../metadata/index.js';
import type { RecordChange, RecordRow, RecordScope } from '../api.js';
import { columnsOf } from '../query/fields.js';
import { type Projection, rowDecoder, selectList } from '../query/rows.js';
import { searchDocumentSql } from '../query/search.js';
import { joinSql, type Sql, sql } from '../query/sql.js';
import { changeLogInsertOf, loggedInStatement, type LoggedRow } from './change-log.js';
import { toWriteError } from './db-errors.js';
import type { Later, WriteTx } from './transaction.js';
import { type PreparedUpdate, searchGiven } from './writes.js';

/** What the statement returns: the row as written, and its change as logged. */
type Written = Record<string, unknown> & { _log_id: string; _log_at: Date | string; _log_changes: object };

/**
 * One record's update as a single statement, sent with BEGIN and COMMIT in one round trip:
 * it locks the row (live, at the expected version), writes the fields whose values differ,
 * and logs the change it worked out in SQL, old values as the locked row had them.
 *
 * Only for what needs nothing else (`updatableInOneStatement`): a write on its own connection,
 * a writer whose update is not scoped, fields whose type works its API value out in SQL
 * (`jsonSql`: no relation or user to check; no VIN to decode, no links), and no hook that may
 * act on them in the transaction. The result is undefined when nothing was written (a record
 * missing, deleted, at another version or unchanged): the caller then runs the usual update,
 * which answers each of these as it always has.
 */
export function updatableInOneStatement(
  object: ObjectDef,
  update: PreparedUpdate,
  scope: RecordScope | undefined,
): boolean {
  const fields = [...update.record.values.keys()];
  return (
    fields.length > 0 &&
    update.record.links.size === 0 &&
    fields.every((f) => fieldTypeSpecs[f.type].jsonSql && !f.options.fills) &&
    !scope?.rows(object, 'update', 't')
  );
}

/**
 * The update, if `updatableInOneStatement` and no hook may act on it in the transaction; undefined
 * before anything is sent otherwise.
 */
export async function updateInOneStatement(
  tx: WriteTx,
  object: ObjectDef,
  update: PreparedUpdate,
  fields?: Projection,
): Promise<Later<RecordRow | undefined> | undefined> {
  const { queue, hooksActOnUpdate, logged } = tx;
  if (!queue || !hooksActOnUpdate || !logged || !updatableInOneStatement(object, update, tx.scope))
    return undefined;
  const keys = [...update.record.values.keys()].map((f) => f.key);
  if (await hooksActOnUpdate(object.id, keys)) return undefined;

  // The log reads the new version and the written fields back from the row the update returns.
  const returned = fields ? new Set([...fields, 'version', ...keys]) : null;
  const written = queue<Written>(statementFor(tx, object, update, returned), (error) =>
    toWriteError(error, object, [update.record]),
  );
  const change = written.then(([row]) =>
    row ? [loggedInStatement(object.id, update.id, tx.actorId, Number(row.version), logRow(row))] : [],
  );
  change.catch(() => undefined);
  logged.push(change as Promise<RecordChange[]>);
  return async () => {
    const [row] = await written;
    return row ? rowDecoder(object, returned)(row) : undefined;
  };
}

function logRow(row: Written): LoggedRow & { changes: Record<string, [unknown, unknown]> } {
  return {
    id: row._log_id,
    created_at: row._log_at,
    changes: row._log_changes as Record<string, [unknown, unknown]>,
  };
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
