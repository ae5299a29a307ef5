import type { FieldDef, ObjectDef } from '../metadata/index.js';
import { readStageMoves } from '../pipelines/index.js';
import { parseSourceCursor } from './cursor.js';
import type { TimelineItem, TimelineSource, TimelineTarget } from './source.js';

export const stageMoveKind = 'STAGE_MOVE';

const stageFields = (object: ObjectDef) => object.fields.filter((f) => f.type === 'STAGE' && !f.archivedAt);

/**
 * Read from the stage history and pushed from the change log: both are written in the
 * move's transaction at its `now()`, so the item's id (field and time) is the same in both.
 */
function stageItem(
  target: TimelineTarget,
  field: FieldDef,
  move: { from: string | null; to: string; at: Date; actorId: string | null },
): TimelineItem {
  return {
    id: `stage:${field.id}:${move.at.getTime()}`,
    kind: stageMoveKind,
    at: move.at,
    actorId: move.actorId,
    object: target.object.key,
    recordId: target.recordId,
    data: { field: field.key, from: move.from, to: move.to },
  };
}

/** The record's stage moves (pipelines' stage history), its first stage included. */
export const stageMoveSource: TimelineSource = {
  name: 'stages',
  kinds: [stageMoveKind],

  async read(ctx, { target, after, first }) {
    const fields = stageFields(target.object);
    if (!fields.length) return [];
    const moves = await readStageMoves(ctx.em, target.metadata.schema, {
      objectId: target.object.id,
      recordId: target.recordId,
      fieldIds: fields.map((f) => f.id),
      before: parseSourceCursor(after),
      limit: first,
    });
    return moves.map((move) => ({
      item: stageItem(
        target,
        fields.find((f) => f.id === move.fieldId)!,
        { ...move, to: move.stage },
      ),
      cursor: move.id,
    }));
  },

  async watchChanges(_ctx, target) {
    return (change) => {
      if (change.objectId !== target.object.id || change.recordId !== target.recordId) return [];
      return stageFields(target.object).flatMap((field) => {
        const [from, to] = change.changes[field.key] ?? [];
        if (typeof to !== 'string') return [];
        const move = {
          from: typeof from === 'string' ? from : null,
          to,
          at: change.at,
          actorId: change.actorId,
        };
        return [{ item: stageItem(target, field, move), removed: false }];
      });
    };
  },
};
