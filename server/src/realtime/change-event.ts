import type { ChangeKind } from '@crm/contracts';
import type { ChangeLogRow } from '../records/index.js';

/** One committed change of one record, as the feed carries it inside the server (see `RecordChangeEvent` for the wire). */
export interface ChangeEvent {
  /** The `record_change` id: increasing in delivery order within a workspace. */
  changeId: string;
  objectId: string;
  objectKey: string;
  recordId: string;
  kind: ChangeKind;
  version: number;
  actorId: string | null;
  at: Date;
  /** Field key → [old, new] API values. */
  changes: Record<string, [unknown, unknown]>;
}

export interface ChangeFilter {
  objectId?: string;
  recordId?: string;
}

export type ChangeRow = ChangeLogRow;

export function toChangeEvent(row: ChangeRow): ChangeEvent {
  return {
    changeId: String(row.id),
    objectId: row.object_id,
    objectKey: row.object_key,
    recordId: row.record_id,
    kind: row.kind,
    version: row.version,
    actorId: row.actor_id,
    at: new Date(row.created_at),
    changes: row.changes ?? {},
  };
}

export function matches(filter: ChangeFilter, event: ChangeEvent): boolean {
  return (
    (!filter.objectId || filter.objectId === event.objectId) &&
    (!filter.recordId || filter.recordId === event.recordId)
  );
}
