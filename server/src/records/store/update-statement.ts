import { type FieldType, type ObjectDef, qualified, quote } from '../../metadata/index.js';
import type { RecordChange, RecordRow, RecordScope } from '../api.js';
import { columnsOf } from '../query/fields.js';
import { decodeRow, selectList } from '../query/rows.js';
import { searchDocumentSql } from '../query/search.js';
import { joinSql, type Sql, sql } from '../query/sql.js';
import { changeLogInsertOf, loggedInStatement, type LoggedRow } from './change-log.js';
import { toWriteError } from './db-errors.js';
import type { Later, WriteTx } from './transaction.js';
import { type PreparedUpdate, searchGiven } from './writes.js';

/**
 * Field types of one column whose value as jsonb is the API value the change log keeps (and
 * `is distinct from` is the store's `sameValue`): a change to them can be worked out in SQL.
 */
const loggedAsStored: ReadonlySet<FieldType> = new Set<FieldType>([
  'TEXT',
  'LONG_TEXT',
  'NUMBER',
  'PERCENT',
  'BOOLEAN',
  'SELECT',
  'EMAIL',
  'PHONE',
  'URL',
  'RATING',
]);

/** What the statement returns: the row as written, and its change as logged. */
type Written = Record<string, unknown> & { _log_id: string; _log_at: Date | string; _log_changes: object };

/**
 * One record's update as a single statement, sent with BEGIN and COMMIT in one round trip:
 * it locks the row (live, at the expected version), writes the fields whose values differ,
 * and logs the change it worked out in SQL, old values as the locked row had them.
 *
 * Only for what needs nothing else (`updatableInOneStatement`): a write on its own connection,
 * a writer whose update is not scoped, fields of types `loggedAsStored` (no relation or user to
 * check, no VIN to decode, no links), and no hook that may act on them in the transaction. The
 * result is undefined when nothing was written (a record missing, deleted, at another version
 * or unchanged): the caller then runs the usual update, which answers each of these as it
 * always has.
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
    fields.every((f) => loggedAsStored.has(f.type) && !f.options.fills && columnsOf(f).length === 1) &&
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
): Promise<Later<RecordRow | undefined> | undefined> {
  const { queue, hooksActOnUpdate, logged } = tx;
  if (!queue || !hooksActOnUpdate || !logged || !updatableInOneStatement(object, update, tx.scope))
    return undefined;
  const keys = [...update.record.values.keys()].map((f) => f.key);
  if (await hooksActOnUpdate(object.id, keys)) return undefined;

  const written = queue<Written>(statementFor(tx, object, update), (error) =>
    toWriteError(error, object, [update.record]),
  );
  const change = written.then(([row]) =>
    row ? [loggedInStatement(object.id, update.id, tx.actorId, Number(row.version), logRow(row))] : [],
  );
  change.catch(() => undefined);
  logged.push(change as Promise<RecordChange[]>);
  return async () => {
    const [row] = await written;
    return row ? decodeRow(object, row) : undefined;
  };
}

function logRow(row: Written): LoggedRow & { changes: Record<string, [unknown, unknown]> } {
  return {
    id: row._log_id,
    created_at: row._log_at,
    changes: row._log_changes as Record<string, [unknown, unknown]>,
  };
}

function statementFor(tx: WriteTx, object: ObjectDef, update: PreparedUpdate): Sql {
  const table = qualified(tx.metadata.schema, object.table);
  const given = [...update.record.values].map(([field, values], i) => {
    const column = columnsOf(field)[0]!;
    return {
      field,
      column: quote(column.name),
      old: `o${i}`,
      value: sql(`?::${column.sqlType}`, values[0] ?? null),
    };
  });
  const sets = given.map((g) => ({ sql: `${g.column} = ${g.value.sql}`, params: g.value.params }));
  const searched = searchGiven(update.record.values);
  if (searched.size) {
    const document = searchDocumentSql(object, searched, 't');
    sets.push({ sql: `search = ${document.sql}`, params: document.params });
  }
  sets.push(sql('version = t.version + 1, updated_at = now(), updated_by = ?::uuid', tx.actorId));
  const assignments = joinSql(sets, ', ');
  const differs = joinSql(
    given.map((g) => ({ sql: `old.${g.old} is distinct from ${g.value.sql}`, params: g.value.params })),
    ' or ',
  );
  const changes = joinSql(
    given.map((g) =>
      sql(
        `case when old.${g.old} is distinct from upd.${g.column}
           then jsonb_build_object(?::text, jsonb_build_array(to_jsonb(old.${g.old}), to_jsonb(upd.${g.column})))
           else '{}'::jsonb end`,
        g.field.key,
      ),
    ),
    ' || ',
  );
  const log = changeLogInsertOf(tx.metadata.schema, object.id, tx.actorId, 'upd', changes, ['old']);
  const version =
    update.expectedVersion === null ? sql('') : sql(' and t.version = ?::integer', update.expectedVersion);
  return {
    sql: `with old as (
        select t.id, ${given.map((g) => `t.${g.column} as ${g.old}`).join(', ')} from ${table} t
        where t.id = ?::uuid and t.deleted_at is null${version.sql} for update of t
      ), upd as (
        update ${table} t set ${assignments.sql} from old
        where t.id = old.id and (${differs.sql})
        returning ${selectList(tx.metadata, object, 't')}
      ), log as (${log.sql})
      select upd.*, log.id as _log_id, log.created_at as _log_at, log.changes as _log_changes from upd, log`,
    params: [update.id, ...version.params, ...assignments.params, ...differs.params, ...log.params],
  };
}
