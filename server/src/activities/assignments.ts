import type { MikroORM } from '@mikro-orm/postgresql';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordAccessViews, RecordChange, RecordHooks } from '../records/index.js';
import { addNotifications, announce, notificationsByDedupeKey, type NewNotification } from './inbox.js';
import { labelAsSeen, readLabels } from './record-labels.js';

/** One USER field of one record set to someone other than the writer. */
interface Assignment {
  objectId: string;
  recordId: string;
  userId: string;
  /** The USER field's label ("Assignee", "Owner"), which the notification shows. */
  field: string;
  dedupeKey: string;
}

/** USER fields a person can be assigned through, key → label: owner and the object's own (not createdBy/updatedBy). */
function assignableFields(object: ObjectDef): Map<string, string> {
  const fields = object.fields.filter((f) => f.type === 'USER' && !f.readOnly && !f.archivedAt);
  return new Map(fields.map((f) => [f.key, f.label]));
}

/** Who each change assigns: a USER field's new value, when it is not the writer. */
export function assignmentsOf(
  metadata: WorkspaceMetadata,
  actorId: string,
  changes: readonly Pick<RecordChange, 'objectId' | 'recordId' | 'kind' | 'changes' | 'version'>[],
): Assignment[] {
  const found: Assignment[] = [];
  const fieldsOf = new Map<string, Map<string, string>>();
  for (const change of changes) {
    if (change.kind !== 'create' && change.kind !== 'update') continue;
    let fields = fieldsOf.get(change.objectId);
    if (!fields) {
      const object = metadata.objects.find((o) => o.id === change.objectId);
      fieldsOf.set(change.objectId, (fields = object ? assignableFields(object) : new Map()));
    }
    for (const [key, [before, after]] of Object.entries(change.changes)) {
      const field = fields.get(key);
      if (!field || typeof after !== 'string' || after === before || after === actorId) continue;
      found.push({
        objectId: change.objectId,
        recordId: change.recordId,
        userId: after,
        field,
        // The version makes each assignment its own: assigned again later, told again.
        dedupeKey: `assignment:${change.recordId}:${key}:${change.version}`,
      });
    }
  }
  return found;
}

/**
 * ASSIGNMENT notifications: written in the record write's transaction (so a rolled-back
 * write tells nobody), announced after its commit. A USER field need not grant access, so
 * only members whose profile lets them read the record are told, with the label as they see it.
 */
export function assignmentHooks(deps: {
  orm: MikroORM;
  events: EventBus;
  recordAccess: RecordAccessViews;
}): RecordHooks {
  return {
    actsOnUpdate: ({ metadata, objectId, fieldKeys }) => {
      const object = metadata.objects.find((o) => o.id === objectId);
      const fields = object ? assignableFields(object) : new Map<string, string>();
      return fieldKeys.some((key) => fields.has(key));
    },
    afterWrite: async ({ db, metadata, actorId, changes }) => {
      const assignments = assignmentsOf(metadata, actorId, changes);
      if (!assignments.length) return;
      const entries: NewNotification[] = [];
      for (const objectId of new Set(assignments.map((a) => a.objectId))) {
        const object = metadata.objects.find((o) => o.id === objectId)!;
        const ofObject = assignments.filter((a) => a.objectId === objectId);
        const labels = await readLabels(
          db,
          metadata,
          object,
          ofObject.map((a) => a.recordId),
        );
        for (const recordId of new Set(ofObject.map((a) => a.recordId))) {
          const ofRecord = ofObject.filter((a) => a.recordId === recordId);
          const views = await deps.recordAccess.readersOf(
            db,
            { workspaceId: metadata.workspaceId, metadata, object, recordId },
            ofRecord.map((a) => a.userId),
          );
          for (const a of ofRecord) {
            const view = views.get(a.userId);
            if (!view) continue;
            entries.push({
              workspaceId: metadata.workspaceId,
              userId: a.userId,
              kind: 'ASSIGNMENT',
              objectId,
              recordId,
              label: labelAsSeen(labels.get(recordId) ?? '', object, view),
              dueAt: null,
              late: false,
              actorId,
              excerpt: a.field,
              dedupeKey: a.dedupeKey,
            });
          }
        }
      }
      await addNotifications(db, entries);
    },
    afterCommit: async ({ metadata, actorId, changes }) => {
      const assignments = assignmentsOf(metadata, actorId, changes);
      if (!assignments.length) return;
      const added = await notificationsByDedupeKey(deps.orm.em.fork(), metadata.workspaceId, assignments);
      await announce(deps.events, added);
    },
  };
}
