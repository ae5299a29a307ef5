import type { EntityManager } from '@mikro-orm/postgresql';
import { changeLogLockSql, qualified } from '../../metadata/ddl.js';
import type { RecordChange } from '../api.js';
import { joinSql, sql } from '../query/sql.js';

/**
 * The per-workspace `record_change` table: audit log, field history and the change
 * feed's outbox, appended in the write's own transaction.
 */

export type PendingChange = Omit<RecordChange, 'changeId'>;

const rowsPerStatement = 1_000;

/** Appends `pending` in order and returns them with their change ids. */
export async function appendChanges(
  em: EntityManager,
  schema: string,
  actorId: string,
  pending: readonly PendingChange[],
): Promise<RecordChange[]> {
  const written: RecordChange[] = [];
  if (pending.length) await em.execute(changeLogLockSql(), [schema]);
  for (let start = 0; start < pending.length; start += rowsPerStatement) {
    const chunk = pending.slice(start, start + rowsPerStatement);
    const values = joinSql(
      chunk.map((c) =>
        sql(
          '(?::uuid, ?::uuid, ?, ?::uuid, ?::jsonb, ?)',
          c.objectId,
          c.recordId,
          c.kind,
          actorId,
          JSON.stringify(c.changes),
          c.version,
        ),
      ),
      ', ',
    );
    const rows = await em.execute<{ id: string }[]>(
      `insert into ${qualified(schema, 'record_change')} (object_id, record_id, kind, actor_id, changes, version) values ${values.sql} returning id`,
      values.params,
    );
    // bigserial ids are drawn in VALUES order; sorting guards against RETURNING reordering.
    const ids = rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    chunk.forEach((change, i) => written.push({ ...change, changeId: String(ids[i]), actorId }));
  }
  return written;
}

/** The field keys changed on a record since `version` (for a version conflict). */
export async function fieldsChangedSince(
  em: EntityManager,
  schema: string,
  objectId: string,
  recordId: string,
  version: number,
): Promise<string[]> {
  const rows = await em.execute<{ changes: Record<string, unknown> }[]>(
    `select changes from ${qualified(schema, 'record_change')} where record_id = ?::uuid and object_id = ?::uuid and version > ? order by id`,
    [recordId, objectId, version],
  );
  return [...new Set(rows.flatMap((r) => Object.keys(r.changes ?? {})))];
}
