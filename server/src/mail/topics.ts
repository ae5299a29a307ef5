// The mail module's event topic, merged into the bus's EventTopics.
import type { EventBus } from '../platform/index.js';

/** A message sent from a record was queued or changed status (routed by `<workspaceId>:<recordId>`). */
export interface RecordMailChanged {
  messageId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'mail.recordMailChanged': [route: string, payload: RecordMailChanged];
  }
}

export const recordMailRoute = (workspaceId: string, recordId: string): string =>
  `${workspaceId}:${recordId}`;

/** Tells the live timelines of these records that a message changed. */
export async function publishRecordMail(
  events: EventBus,
  workspaceId: string,
  messageId: string,
  recordIds: readonly string[],
): Promise<void> {
  for (const recordId of new Set(recordIds))
    await events.publish('mail.recordMailChanged', recordMailRoute(workspaceId, recordId), { messageId });
}
