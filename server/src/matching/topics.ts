import type { EntityManager } from '@mikro-orm/postgresql';
import { qualified } from '../metadata/index.js';
import { caughtUp, writtenSince, type EventBus } from '../platform/index.js';

// Matching's event topic, merged into the bus's EventTopics.

/** A record's matches changed (a pair new, gone or re-scored): its page recomputes them for its reader. */
export interface MatchesChanged {
  recordId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'matching.changed': [record: string, payload: MatchesChanged];
  }
}

export function matchesTopic(workspaceId: string, recordId: string): string {
  return `${workspaceId}:${recordId}`;
}

export async function publishMatchesChanged(
  events: EventBus,
  workspaceId: string,
  recordIds: Iterable<string>,
): Promise<void> {
  for (const recordId of new Set(recordIds))
    await events.publish('matching.changed', matchesTopic(workspaceId, recordId), { recordId });
}

/**
 * A record's match changes as they happen; with `since` (a snapshot, a `changeCursor`), first one
 * change when any of its pairs was written after it, or any record of the objects its matches
 * are computed from (`objects.ids`, in the workspace's `objects.schema`) changed after it: its
 * matches are computed from those records as they are, and a change the matching consumer nets
 * out (a listing withdrawn and listed again before it ran) moves no pair. The bus keeps nothing
 * for a subscriber to come; one event too many only recomputes the same matches.
 */
export function watchMatches(
  events: EventBus,
  db: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  recordId: string,
  since: string | null,
  objects: { schema: string; ids: readonly string[] },
): AsyncIterable<MatchesChanged> {
  const live = events.subscribe('matching.changed', matchesTopic(workspaceId, recordId));
  if (!since) return live;
  const missed = async () => {
    const [changed] = await db.execute<{ id: number }[]>(
      `select 1 as id from match_pair where changed_xid >= pg_snapshot_xmin(?::pg_snapshot)
         and ${writtenSince('changed_xid')} and workspace_id = ? and (seeker_id = ? or candidate_id = ?)
       union all
       select 1 from ${qualified(objects.schema, 'record_change')}
        where object_id = any(?::uuid[]) and xid >= pg_snapshot_xmin(?::pg_snapshot) and ${writtenSince('xid')}
       limit 1`,
      [since, since, workspaceId, recordId, recordId, `{${objects.ids.join(',')}}`, since, since],
    );
    return changed ? [{ recordId }] : [];
  };
  return caughtUp(missed, live);
}
