import { BadInput } from '../platform/index.js';
import type { TimelineEntry, TimelineSource } from '../timeline/index.js';
import { mergedInto, mergesOf } from './merge.js';

/** A survivor keeps the merged records' history: their timeline items, marked `mergedFrom`. */

export const mergeKind = 'MERGE';

function parsePositions(cursor: string | null): Record<string, string> {
  if (cursor === null) return {};
  try {
    const parsed = JSON.parse(cursor) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, string>;
  } catch {
    // refused below
  }
  throw new BadInput(['after'], 'after: must be the endCursor of an earlier timeline page.');
}

/**
 * `inner` (field changes, stage moves…) read for every record merged into the target and
 * merged by time; the cursor holds `inner`'s position per merged record.
 */
export function mergedHistorySource(inner: TimelineSource): TimelineSource {
  return {
    name: `merged-${inner.name}`,
    kinds: inner.kinds,
    async read(ctx, query) {
      const ids = await mergedInto(ctx.em, ctx.workspaceId, query.target.recordId);
      if (!ids.length) return [];
      const positions = parsePositions(query.after);
      const lists = await Promise.all(
        ids.map((recordId) =>
          inner.read(ctx, {
            ...query,
            target: { ...query.target, recordId },
            after: positions[recordId] ?? null,
          }),
        ),
      );
      const taken = lists.map(() => 0);
      const entries: TimelineEntry[] = [];
      const at = { ...positions };
      while (entries.length < query.first) {
        let next = -1;
        lists.forEach((list, i) => {
          const head = list[taken[i]!];
          if (head && (next < 0 || head.item.at > lists[next]![taken[next]!]!.item.at)) next = i;
        });
        if (next < 0) break;
        const entry = lists[next]![taken[next]!]!;
        taken[next]! += 1;
        at[ids[next]!] = entry.cursor;
        entries.push({
          item: { ...entry.item, data: { ...entry.item.data, mergedFrom: ids[next] } },
          cursor: JSON.stringify(at),
        });
      }
      return entries;
    },
  };
}

/** MERGE items: the merges into (or out of) the record, with who and when; the audit trail on the record. */
export const mergeTimelineSource: TimelineSource = {
  name: 'merges',
  kinds: [mergeKind],
  async read(ctx, query) {
    const after = query.after === null ? null : Number(query.after);
    const merges = (await mergesOf(ctx.em, ctx.workspaceId, query.target.recordId)).filter(
      (m) => after === null || m.createdAt.getTime() < after,
    );
    return merges.slice(0, query.first).map((merge) => ({
      item: {
        id: `merge:${merge.id}`,
        kind: mergeKind,
        at: merge.createdAt,
        actorId: merge.actorId,
        object: query.target.object.key,
        recordId: query.target.recordId,
        data: {
          mergeId: merge.id,
          survivorId: merge.survivorId,
          mergedIds: merge.mergedIds,
          undoneAt: merge.undoneAt?.toISOString() ?? null,
        },
      },
      cursor: String(merge.createdAt.getTime()),
    }));
  },
};
