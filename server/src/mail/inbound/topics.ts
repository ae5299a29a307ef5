// Inbound mail's event topic, merged into the bus's EventTopics.

/** A received message was logged on a record (routed by `<workspaceId>:<recordId>`). */
export interface InboundLogged {
  inboundId: string;
}

export const inboundTopic = (workspaceId: string, recordId: string): string => `${workspaceId}:${recordId}`;

declare module '../../platform/index.js' {
  interface EventTopics {
    'mail.inbound': [record: string, payload: InboundLogged];
  }
}
