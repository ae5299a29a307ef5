import { type ObjectDef, qualified } from '../../metadata/index.js';
import type { RecordRow } from '../api.js';
import { compileGetMany } from '../query/list.js';
import { decodeRow, selectList } from '../query/rows.js';
import { sql } from '../query/sql.js';
import { execute, type WriteTx } from './transaction.js';

/** Reading records inside a write: locked before a change, read back after it. */

export interface LockedRecord {
  row: RecordRow;
  /** As PostgreSQL returned it (timestamps as exact text). */
  raw: Record<string, unknown>;
}

/** Locks the records (deleted ones too) in id order, so concurrent bulk writes cannot deadlock. */
export async function lockRecords(
  tx: WriteTx,
  object: ObjectDef,
  ids: readonly string[],
): Promise<Map<string, LockedRecord>> {
  const rows = await execute(
    tx.db,
    sql(
      `select ${selectList(tx.metadata, object, 't')} from ${qualified(tx.metadata.schema, object.table)} t where t.id = any(?::uuid[]) order by t.id for update of t`,
      [...new Set(ids)],
    ),
  );
  return new Map(rows.map((raw) => [String(raw.id), { row: decodeRow(object, raw), raw }]));
}

/** The records as they are now, deleted ones included, in the order of `ids`. */
export async function readBack(tx: WriteTx, object: ObjectDef, ids: readonly string[]): Promise<RecordRow[]> {
  const rows = await execute(tx.db, compileGetMany(tx.metadata, object, ids, { includeDeleted: true }));
  const byId = new Map(rows.map((raw) => [String(raw.id), decodeRow(object, raw)]));
  return ids.map((id) => byId.get(id)!);
}
