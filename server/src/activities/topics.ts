// The inbox's event topic, merged into the bus's EventTopics.

/** A notification was added to one member's inbox (routed by `<workspaceId>:<userId>`). */
export interface NotificationAdded {
  notificationId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'inbox.notifications': [inbox: string, payload: NotificationAdded];
  }
}
