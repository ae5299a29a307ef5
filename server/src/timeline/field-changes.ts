import type { ObjectDef } from '../metadata/index.js';
import type { ChangeEvent } from '../realtime/index.js';
import { readRecordTimeline, type ChangeLogRow } from '../records/index.js';
import { parseSourceCursor } from './cursor.js';
import type { TimelineItem, TimelineSource, TimelineTarget } from './source.js';

export const fieldChangeKind = 'FIELD_CHANGE';

/** Keys the change items leave out: archived fields (not to be seen) and stages (told as stage moves). */
function hiddenKeys(object: ObjectDef): string[] {
  return object.fields.filter((f) => f.archivedAt || f.type === 'STAGE').map((f) => f.key);
}

function changeItem(
  target: TimelineTarget,
  change: Pick<ChangeEvent, 'changeId' | 'kind' | 'actorId' | 'at' | 'changes' | 'version'>,
): TimelineItem | null {
  const hidden = new Set(hiddenKeys(target.object));
  const shown = new Set(target.object.fields.filter((f) => !hidden.has(f.key)).map((f) => f.key));
  const entries = Object.entries(change.changes).filter(([key]) => shown.has(key));
  if (change.kind === 'update' && entries.length === 0) return null;
  return {
    id: `change:${change.changeId}`,
    kind: fieldChangeKind,
    at: change.at,
    actorId: change.actorId,
    object: target.object.key,
    recordId: target.recordId,
    data: {
      change: change.kind,
      version: change.version,
      changedFields: entries.map(([key]) => key),
      values: Object.fromEntries(entries.map(([key, [, now]]) => [key, now])),
      previous: Object.fromEntries(entries.map(([key, [before]]) => [key, before])),
    },
  };
}

const fromRow = (row: ChangeLogRow) => ({
  changeId: String(row.id),
  kind: row.kind,
  actorId: row.actor_id,
  at: new Date(row.created_at),
  changes: row.changes ?? {},
  version: row.version,
});

/** The record's own changes from the change log: created, fields changed, deleted, restored. */
export const fieldChangeSource: TimelineSource = {
  name: 'changes',
  kinds: [fieldChangeKind],

  async read(ctx, { target, after, first }) {
    const rows = await readRecordTimeline(ctx.em, target.metadata.schema, {
      objectId: target.object.id,
      recordId: target.recordId,
      before: parseSourceCursor(after),
      limit: first,
      hiddenKeys: hiddenKeys(target.object),
    });
    return rows.flatMap((row) => {
      const item = changeItem(target, fromRow(row));
      // An entry the query kept always has an item; the guard only narrows the type.
      return item ? [{ item, cursor: String(row.id) }] : [];
    });
  },

  async watchChanges(_ctx, target) {
    return (change) => {
      if (change.objectId !== target.object.id || change.recordId !== target.recordId) return [];
      const item = changeItem(target, change);
      return item ? [{ item, removed: false }] : [];
    };
  },
};
