import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../../identity/index.js';
import type { WorkspaceMetadata } from '../../metadata/index.js';
import type { RecordAccessViews, RecordRow, RecordScope, SqlRecordStore } from '../../records/index.js';
import type { RecordViewer } from './handler.js';

/** How one recipient may see the run's record: not at all, or through their profile's view. */
export type RecordReader =
  { userId: string; readable: false } | { userId: string; readable: true; viewer?: RecordViewer };

/**
 * The members as their permission profiles let them see `record`: one outside a member's read
 * scope is not readable for them (they are not told about it); otherwise the viewer carries the
 * metadata with their hidden fields archived and their scope, for rendering merge fields.
 * Owners, admins and unrestricted profiles read it whole (no viewer).
 */
export async function readersOf(
  em: EntityManager,
  access: { recordAccess: RecordAccessViews; records: SqlRecordStore },
  at: { workspaceId: string; metadata: WorkspaceMetadata; objectId: string; record: RecordRow },
  userIds: readonly string[],
): Promise<RecordReader[]> {
  if (!userIds.length) return [];
  const rows = await em.execute<{ user_id: string; role: Role }[]>(
    `select user_id, role from membership where workspace_id = ? and user_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [at.workspaceId, JSON.stringify(userIds)],
  );
  const roles = new Map(rows.map((r) => [r.user_id, r.role]));
  const readers: RecordReader[] = [];
  for (const userId of userIds) {
    const role = roles.get(userId);
    if (!role) continue;
    const view = await access.recordAccess.forCaller(at.workspaceId, userId, role, at.metadata);
    const object = view.metadata.objects.find((o) => o.id === at.objectId);
    const whole = at.metadata.objects.find((o) => o.id === at.objectId);
    const sameFields = object?.fields.every(
      (f) => !f.archivedAt || whole?.fields.find((w) => w.id === f.id)?.archivedAt,
    );
    if (!object || object.archivedAt) {
      readers.push({ userId, readable: false });
    } else if (!view.scope && sameFields) {
      readers.push({ userId, readable: true });
    } else if (view.scope && !(await canRead(em, access.records, view.metadata, view.scope, at, userId))) {
      readers.push({ userId, readable: false });
    } else {
      readers.push({ userId, readable: true, viewer: { metadata: view.metadata, scope: view.scope } });
    }
  }
  return readers;
}

async function canRead(
  em: EntityManager,
  records: SqlRecordStore,
  metadata: WorkspaceMetadata,
  scope: RecordScope,
  at: { objectId: string; record: RecordRow },
  userId: string,
): Promise<boolean> {
  const object = metadata.objects.find((o) => o.id === at.objectId)!;
  const [row] = await records.getMany({ em, metadata, actorId: userId, scope }, object, [at.record.id], {
    includeDeleted: true,
  });
  return row != null;
}
