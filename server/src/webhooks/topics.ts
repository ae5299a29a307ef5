// The webhooks' event topics, merged into the bus's EventTopics.
import type { WebhookDelivery } from './model.js';

/** A workspace's webhooks changed: every process asks again whether it has an enabled one. */
export interface WebhooksChanged {
  workspaceId: string;
}

/**
 * A delivery was attempted (delivered, retrying, failed): the delivery as it now is, without
 * its body. Routed by `<workspaceId>:<webhookId>`, for the admin's open delivery log.
 */
export interface WebhookDeliveryChanged {
  delivery: Omit<WebhookDelivery, 'body'>;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'webhooks.changed': [scope: 'all', payload: WebhooksChanged];
    'webhooks.deliveryChanged': [route: string, payload: WebhookDeliveryChanged];
  }
}

export const deliveriesRoute = (workspaceId: string, webhookId: string) => `${workspaceId}:${webhookId}`;
