// The webhooks' event topic, merged into the bus's EventTopics.

/** A workspace's webhooks changed: every process asks again whether it has an enabled one. */
export interface WebhooksChanged {
  workspaceId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'webhooks.changed': [scope: 'all', payload: WebhooksChanged];
  }
}
