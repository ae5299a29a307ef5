// The change feed's event topic, merged into the bus's EventTopics.
import type { ChangeEvent } from './change-event.js';

/** Records changed: `record_change` rows up to `lastChangeId` are committed. */
export interface ChangesWakeUp {
  lastChangeId: string;
  /**
   * The committed changes themselves, when the writer had them and they are small: the feed
   * delivers them without reading the log back. Absent (too large, a write whose transaction
   * was still open, a catch-up): the feed reads the log.
   */
  changes?: CarriedChange[];
}

/** A change as a wake-up carries it: a `ChangeEvent` in JSON (it may cross processes). */
export type CarriedChange = Omit<ChangeEvent, 'at'> & {
  /** ISO-8601: `record_change.created_at`. */
  at: string;
};

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

/**
 * Change-feed wake-ups may be coalesced (the latest one kept): the rows an earlier one
 * carried are then missing, which the feed sees as a gap and reads from the log.
 */
export function isChangeFeedTopic(topic: string): boolean {
  return topic.startsWith('workspace.changes:');
}
