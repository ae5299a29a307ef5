// The change feed's event topic, merged into the bus's EventTopics.

/** Records changed: `record_change` rows up to `lastChangeId` are committed. */
export interface ChangesWakeUp {
  lastChangeId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'workspace.changes': [workspaceId: string, payload: ChangesWakeUp];
  }
}

/**
 * After the bus lost the other processes and is back, a change-feed topic gets a wake-up:
 * the feed re-reads `record_change` from its last position, so no committed change is missed.
 */
export function changeFeedCatchUp(topic: string): ChangesWakeUp | undefined {
  return isChangeFeedTopic(topic) ? { lastChangeId: '0' } : undefined;
}

/** A change feed's wake-up says only "read the log": the latest one covers those before it. */
export function isChangeFeedTopic(topic: string): boolean {
  return topic.startsWith('workspace.changes:');
}
