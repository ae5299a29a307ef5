import { type ObjectDef, qualified } from '../../metadata/index.js';
import { Forbidden, NotFound } from '../../platform/index.js';
import type { RecordRow, ScopedAction } from '../api.js';
import { compileGetMany } from '../query/list.js';
import { decodeRow, selectList } from '../query/rows.js';
import { pgArrayLiteral, sql } from '../query/sql.js';
import { execute, type WriteTx } from './transaction.js';

/** Reading records inside a write: locked before a change, read back after it. */

export interface LockedRecord {
  row: RecordRow;
  /** As PostgreSQL returned it (timestamps as exact text). */
  raw: Record<string, unknown>;
}

/**
 * Locks the records (deleted ones too) in id order, so concurrent bulk writes cannot deadlock.
 * With the writer's scope and an action, a second statement (a fresh snapshot, taken once the
 * locks are held) reads whether each row is readable and within the action's scope: an owner or
 * granting-field change needs the row's lock, and a share change takes it too (access/shares.ts),
 * so none can commit between this check and the write's commit.
 */
export async function lockRecords(
  tx: WriteTx,
  object: ObjectDef,
  ids: readonly string[],
  action?: ScopedAction,
): Promise<Map<string, LockedRecord>> {
  const table = qualified(tx.metadata.schema, object.table);
  const rows = await execute(
    tx.db,
    sql(
      `select ${selectList(tx.metadata, object, 't')} from ${table} t where t.id = any(?::uuid[]) order by t.id for update of t`,
      [...new Set(ids)],
    ),
  );
  const locked = new Map(rows.map((raw) => [String(raw.id), { row: decodeRow(object, raw), raw }]));
  const allowed = action && tx.scope?.rows(object, action, 't');
  if (!action || !allowed || !locked.size) return locked;
  const readable = tx.scope!.rows(object, 'read', 't') ?? sql('true');
  const checked = await execute<{ id: string; readable: boolean; allowed: boolean }>(tx.db, {
    sql: `select t.id, (${readable.sql}) as readable, (${allowed.sql}) as allowed from ${table} t where t.id = any(?::uuid[])`,
    params: [...readable.params, ...allowed.params, pgArrayLiteral([...locked.keys()])],
  });
  const byId = new Map(checked.map((r) => [String(r.id), r]));
  for (const id of ids) if (locked.has(id)) refuseOutOfScope(object, action, id, byId.get(id));
  return locked;
}

/** Not readable: NOT_FOUND, as if it did not exist; readable but out of the action's scope: FORBIDDEN. */
function refuseOutOfScope(
  object: ObjectDef,
  action: ScopedAction,
  id: string,
  row: { readable: boolean; allowed: boolean } | undefined,
): void {
  if (!row?.readable) throw new NotFound(`${object.labelSingular} ${id}`);
  if (!row.allowed)
    throw new Forbidden(
      `Your permission profile does not allow you to ${action} this ${object.labelSingular}.`,
    );
}

/** The records as they are now, deleted ones included, in the order of `ids`. */
export async function readBack(tx: WriteTx, object: ObjectDef, ids: readonly string[]): Promise<RecordRow[]> {
  const rows = await execute(tx.db, compileGetMany(tx.metadata, object, ids, { includeDeleted: true }));
  const byId = new Map(rows.map((raw) => [String(raw.id), decodeRow(object, raw)]));
  return ids.map((id) => byId.get(id)!);
}
