import type { ChangeLogRow, RecordChange } from '../records/index.js';

export function toRecordChange(row: ChangeLogRow): RecordChange {
  return {
    changeId: String(row.id),
    objectId: row.object_id,
    recordId: row.record_id,
    kind: row.kind,
    actorId: row.actor_id,
    changes: row.changes ?? {},
    version: row.version,
  };
}
