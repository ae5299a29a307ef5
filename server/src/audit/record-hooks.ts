import type { RecordHooks, RecordWritePayload, WriteSql } from '../records/index.js';
import { recordAudit } from './record.js';

/** Ids per entry at most: a bulk delete of more records keeps its count and the first ids. */
const maxIdsPerEntry = 1000;

/**
 * The audit log on the record store's write path: a write that deletes records (one, a
 * bulk delete, a cascade) leaves one entry per object with the count, the ids and the
 * records' names as they were, inside the write's transaction.
 */
export const auditRecordHooks: RecordHooks = {
  // Deletes only.
  actsOnUpdate: () => false,
  async afterWrite({ db, metadata, actorId, changes, origin }: RecordWritePayload) {
    const deleted = new Map<string, string[]>();
    for (const change of changes) {
      if (change.kind !== 'delete') continue;
      deleted.set(change.objectId, [...(deleted.get(change.objectId) ?? []), change.recordId]);
    }
    for (const [objectId, ids] of deleted) {
      const object = metadata.objects.find((o) => o.id === objectId);
      if (!object) continue;
      const listed = ids.slice(0, maxIdsPerEntry);
      const labelColumn = object.fields.find((f) => f.id === object.labelFieldId)?.column ?? null;
      await recordAudit(db, {
        workspaceId: metadata.workspaceId,
        action: 'record.deleted',
        by: { userId: actorId, ...origin },
        objectKey: object.key,
        targetIds: listed,
        targetNames: labelColumn ? await namesOf(db, metadata.schema, object.table, labelColumn, listed) : [],
        details: { count: ids.length, object: object.labelSingular },
      });
    }
  },
};

async function namesOf(
  db: WriteSql,
  schema: string,
  table: string,
  column: string,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await db.execute<{ id: string; name: string | null }[]>(
    `select id::text as id, ${quote(column)}::text as name from ${quote(schema)}.${quote(table)}
     where id = any(?::uuid[])`,
    [`{${ids.join(',')}}`],
  );
  const byId = new Map(rows.map((row) => [row.id, row.name ?? '']));
  return ids.map((id) => byId.get(id) ?? '');
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
