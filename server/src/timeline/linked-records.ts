import { activeFields, type FieldDef, type ObjectDef } from '../metadata/index.js';
import type { ChangeEvent } from '../realtime/index.js';
import type { RecordFilter, RecordRow } from '../records/index.js';
import type {
  TimelineEvent,
  TimelineItem,
  TimelineSource,
  TimelineSourceContext,
  TimelineTarget,
} from './source.js';

/** Long text is cut to this many characters in an item; the linked record holds the rest. */
const maxTextLength = 500;
/** A live subscriber follows at most this many linked records' later edits. */
const maxWatchedRecords = 5_000;
/**
 * Past the moment the linked set was read, by more than any clock skew between this process and
 * the database: a change whose transaction began later committed after that read.
 */
const settleMs = 60_000;

/** The relation fields of `linked` that point at the target object (many-to-one or many-to-many). */
function linkFields(linked: ObjectDef, target: ObjectDef): FieldDef[] {
  return activeFields(linked).filter(
    (f) =>
      f.type === 'RELATION' &&
      f.filterable &&
      f.options.targetObjectId === target.id &&
      (f.options.relationKind === 'MANY_TO_ONE' || f.options.relationKind === 'MANY_TO_MANY'),
  );
}

function linkFilter(fields: FieldDef[], recordId: string): RecordFilter {
  return {
    or: fields.map((f) =>
      f.options.relationKind === 'MANY_TO_ONE'
        ? { [f.key]: { eq: recordId } }
        : { [f.key]: { some: { id: { eq: recordId } } } },
    ),
  };
}

const pointsAt = (value: unknown, recordId: string) =>
  Array.isArray(value) ? value.includes(recordId) : value === recordId;

/** The values an item shows: the record's own fields, to-many relations and system fields left out. */
function shownValues(object: ObjectDef, values: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const field of activeFields(object)) {
    if (field.system || !field.column || !(field.key in values)) continue;
    const value = values[field.key];
    shown[field.key] =
      typeof value === 'string' && value.length > maxTextLength ? `${value.slice(0, maxTextLength)}…` : value;
  }
  return shown;
}

/**
 * Records of one object (the standard task or note) whose relation points at the
 * target, as items of `kind`, at their creation. Their later edits are pushed live.
 */
export function linkedRecordSource(objectKey: string, kind: string): TimelineSource {
  const linkedObject = (target: TimelineTarget) =>
    target.metadata.objects.find((o) => o.key === objectKey && !o.archivedAt);
  const item = (target: TimelineTarget, object: ObjectDef, row: RecordRow): TimelineItem => ({
    id: `${objectKey}:${row.id}`,
    kind,
    at: row.createdAt,
    actorId: row.createdBy,
    object: object.key,
    recordId: row.id,
    data: { values: shownValues(object, row) },
  });
  // Through the caller's scope: a linked record they may not read is not on their timeline.
  const recordContext = (ctx: TimelineSourceContext, target: TimelineTarget) => ({
    em: ctx.em,
    metadata: target.metadata,
    actorId: ctx.userId,
    ...(ctx.scope ? { scope: ctx.scope } : {}),
  });

  async function readLinked(
    ctx: TimelineSourceContext,
    target: TimelineTarget,
    first: number,
    after: string | null,
  ) {
    const object = linkedObject(target);
    const fields = object ? linkFields(object, target.object) : [];
    if (!object || !fields.length) return null;
    const page = await ctx.records.list(recordContext(ctx, target), object, {
      filter: linkFilter(fields, target.recordId),
      sort: [{ field: 'createdAt', direction: 'DESC' }],
      first,
      after,
    });
    return { object, fields, page };
  }

  return {
    name: `linked:${objectKey}`,
    kinds: [kind],

    async read(ctx, { target, after, first }) {
      const found = await readLinked(ctx, target, first, after);
      if (!found) return [];
      return found.page.edges.map((edge) => ({
        item: item(target, found.object, edge.node),
        cursor: edge.cursor,
      }));
    },

    async watchChanges(ctx, target) {
      const found = await readLinked(ctx, target, 500, null);
      if (!found) return () => [];
      const { object, fields } = found;
      const linked = new Set(found.page.nodes.map((row) => row.id));
      let after = found.page.pageInfo.hasNextPage ? found.page.pageInfo.endCursor : null;
      while (after && linked.size < maxWatchedRecords) {
        const next = await readLinked(ctx, target, 500, after);
        next?.page.nodes.forEach((row) => linked.add(row.id));
        after = next?.page.pageInfo.hasNextPage ? next.page.pageInfo.endCursor : null;
      }
      // Changes of transactions begun after this committed after the set was read: it is exact
      // for them, unless it was cut at `maxWatchedRecords`.
      const settledAt = after ? Infinity : Date.now() + settleMs;
      const currentRow = async (id: string, includeDeleted = false) => {
        const [row] = await ctx.records.getMany(recordContext(ctx, target), object, [id], { includeDeleted });
        return row ?? null;
      };
      const rowPoints = (row: RecordRow | null) =>
        !!row && fields.some((f) => pointsAt(row[f.key], target.recordId));
      const newValues = (change: ChangeEvent) =>
        Object.fromEntries(Object.entries(change.changes).map(([key, [, now]]) => [key, now]));
      const removal = (id: string, at: Date): TimelineEvent[] => {
        linked.delete(id);
        const gone = item(target, object, { id, createdAt: at, createdBy: null } as RecordRow);
        return [{ item: { ...gone, data: {} }, removed: true }];
      };
      return async (change: ChangeEvent): Promise<TimelineEvent[]> => {
        if (change.objectId !== object.id) return [];
        const id = change.recordId;
        const wasLinked = linked.has(id);
        const changedLinks = fields.filter((f) => f.key in change.changes);
        const pointsNow = changedLinks.some((f) => pointsAt(change.changes[f.key]![1], target.recordId));
        // `linked` is read when the subscription starts; a subscriber resuming from an earlier
        // change meets changes of records linked then and no longer: a record deleted since
        // (its row keeps its links; read only for changes that may precede the set) or unlinked
        // since (the change holds the old link).
        if (change.kind === 'delete') {
          if (wasLinked) return removal(id, change.at);
          if (change.at.getTime() > settledAt) return [];
          return rowPoints(await currentRow(id, true)) ? removal(id, change.at) : [];
        }
        const pointedBefore = changedLinks.some((f) => pointsAt(change.changes[f.key]![0], target.recordId));
        if (change.kind === 'create') {
          if (!pointsNow) return [];
          linked.add(id);
          const row = { id, createdAt: change.at, createdBy: change.actorId } as RecordRow;
          return [{ item: item(target, object, { ...row, ...newValues(change) }), removed: false }];
        }
        if (changedLinks.length > 0 || change.kind !== 'update') {
          // Linked or unlinked (or restored): the row says which; read only where it may concern us.
          if (!wasLinked && !pointedBefore && !pointsNow && change.kind !== 'restore') return [];
          const row = await currentRow(id);
          if (rowPoints(row)) {
            linked.add(id);
            return [{ item: item(target, object, row!), removed: false }];
          }
          return wasLinked || pointedBefore ? removal(id, change.at) : [];
        }
        if (!wasLinked) return [];
        // An edit of a linked record: its new values, merged over the item held.
        const partial = item(target, object, {
          id,
          createdAt: change.at,
          createdBy: change.actorId,
        } as RecordRow);
        return [
          { item: { ...partial, data: { values: shownValues(object, newValues(change)) } }, removed: false },
        ];
      };
    },
  };
}
