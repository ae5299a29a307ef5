import type { EntityManager } from '@mikro-orm/postgresql';
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
 * change when any of its pairs was written after it, since the bus keeps nothing for a
 * subscriber to come.
 */
export function watchMatches(
  events: EventBus,
  db: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  recordId: string,
  since: string | null,
): AsyncIterable<MatchesChanged> {
  const live = events.subscribe('matching.changed', matchesTopic(workspaceId, recordId));
  if (!since) return live;
  const missed = async () => {
    const [changed] = await db.execute<{ id: number }[]>(
      `select 1 as id from match_pair where changed_xid >= pg_snapshot_xmin(?::pg_snapshot)
         and ${writtenSince('changed_xid')} and workspace_id = ? and (seeker_id = ? or candidate_id = ?) limit 1`,
      [since, since, workspaceId, recordId, recordId],
    );
    return changed ? [{ recordId }] : [];
  };
  return caughtUp(missed, live);
}
