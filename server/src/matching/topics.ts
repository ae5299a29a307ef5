import type { EventBus } from '../platform/index.js';

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
