import {
  fieldTypeSpecs,
  type FieldDef,
  type ObjectDef,
  PerObject,
  qualified,
  quote,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { statementSource } from '../../platform/index.js';
import type { RecordContext, RecordRow } from '../api.js';
import { columnsOf } from '../query/fields.js';
import { type Projection, projectionKey, rowDecoder, selectList } from '../query/rows.js';
import { searchDocumentSql } from '../query/search.js';
import { type Sql, toParam } from '../query/sql.js';
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
  if (!plain || statementSource(ctx).isInTransaction()) return undefined;
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
      return row ? rowDecoder(object, returned, tx.metadata)(row) : undefined;
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

/** The text of an update of these fields (in this order), returning `returned`: all but the values. */
interface UpdateText {
  table: string;
  /** `?::type as n<f>_<c>`: the new values, one parameter per column. */
  given: string;
  locked: string;
  /** `column = given.n<f>_<c>`, every column written. */
  columnSets: string;
  differs: string;
  returning: string;
  /** What the change log records: each changed field's old → new, `fieldKeys` its parameters. */
  changes: string;
  fieldKeys: string[];
}

/** Kept with a shared metadata version, by the fields written and those returned. */
const updateTexts = new PerObject<UpdateText>(100);

function updateText(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  written: readonly FieldDef[],
  returned: Projection,
): UpdateText {
  const key = `${written.map((f) => f.id).join(',')} ${projectionKey(returned)}`;
  return updateTexts.get(metadata, object, key, () => buildUpdateText(metadata, object, written, returned));
}

function buildUpdateText(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  written: readonly FieldDef[],
  returned: Projection,
): UpdateText {
  // Each field's columns: `given.n<f>_<c>` the new values, `old.o<f>_<c>` the locked row's.
  const fields = written.map((field, f) => ({
    field,
    columns: columnsOf(field),
    newName: (c: number) => `n${f}_${c}`,
    oldName: (c: number) => `o${f}_${c}`,
  }));
  const before = (g: (typeof fields)[number]) => jsonOf(g.field, (c) => `old.${g.oldName(c)}`);
  const changes = fields.map((g) => {
    const after = jsonOf(g.field, (c) => `upd.${quote(g.columns[c]!.name)}`);
    return `case when ${before(g)} is distinct from ${after}
           then jsonb_build_object(?::text, jsonb_build_array(${before(g)}, ${after})) else '{}'::jsonb end`;
  });
  return {
    table: qualified(metadata.schema, object.table),
    given: fields
      .flatMap((g) => g.columns.map((column, c) => `?::${column.sqlType} as ${g.newName(c)}`))
      .join(', '),
    locked: fields
      .flatMap((g) => g.columns.map((column, c) => `t.${quote(column.name)} as ${g.oldName(c)}`))
      .join(', '),
    columnSets: fields
      .flatMap((g) => g.columns.map((column, c) => `${quote(column.name)} = given.${g.newName(c)}`))
      .join(', '),
    // Compared as API values, as the store's `sameValue` does (jsonb compares numbers by value).
    differs: fields
      .map((g) => `${before(g)} is distinct from ${jsonOf(g.field, (c) => `given.${g.newName(c)}`)}`)
      .join(' or '),
    returning: selectList(metadata, object, 't', returned),
    changes: changes.join(' || '),
    fieldKeys: written.map((f) => f.key),
  };
}

function statementFor(tx: WriteTx, object: ObjectDef, update: PreparedUpdate, returned: Projection): Sql {
  const values = update.record.values;
  const text = updateText(tx.metadata, object, [...values.keys()], returned);
  const given = [...values].flatMap(([field, columns]) =>
    columnsOf(field).map((_, c) => toParam(columns[c] ?? null)),
  );
  const searched = searchGiven(values);
  const document = searched.size ? searchDocumentSql(object, searched, 't') : null;
  const versioned = update.expectedVersion !== null;
  const log = changeLogInsertOf(
    tx.metadata.schema,
    object.id,
    tx.actorId,
    'upd',
    { sql: text.changes, params: text.fieldKeys },
    ['old'],
  );
  return {
    sql: `with given as (select ${text.given}), old as (
        select t.id, ${text.locked} from ${text.table} t
        where t.id = ?::uuid and t.deleted_at is null${versioned ? ' and t.version = ?::integer' : ''} for update of t
      ), upd as (
        update ${text.table} t set ${text.columnSets}${document ? `, search = ${document.sql}` : ''}, version = t.version + 1, updated_at = now(), updated_by = ?::uuid from old, given
        where t.id = old.id and (${text.differs})
        returning ${text.returning}
      ), log as (${log.sql})
      select upd.*, log.id as _log_id, log.created_at as _log_at, log.changes as _log_changes from upd, log`,
    params: [
      ...given,
      update.id,
      ...(versioned ? [update.expectedVersion] : []),
      ...(document?.params ?? []),
      tx.actorId,
      ...log.params,
    ],
  };
}
