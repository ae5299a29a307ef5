/** One committed change of one record, as the feed delivers it. */
export interface ChangeEvent {
  /** The `record_change` id: increasing in commit order within a workspace. */
  changeId: string;
  objectId: string;
  objectKey: string;
  recordId: string;
  kind: 'create' | 'update' | 'delete' | 'restore' | 'convert';
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

export interface ChangeRow {
  id: string;
  object_id: string;
  object_key: string;
  record_id: string;
  kind: ChangeEvent['kind'];
  version: number;
  actor_id: string | null;
  /** Raw queries hand timestamps over as text. */
  created_at: Date | string;
  changes: Record<string, [unknown, unknown]>;
}

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
