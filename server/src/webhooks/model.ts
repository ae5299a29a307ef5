import type { ChangeKind } from '@crm/contracts';

/** The record events a webhook can subscribe to. */
export const webhookEvents = ['CREATE', 'UPDATE', 'DELETE', 'RESTORE'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export const deliveryStatuses = ['PENDING', 'DELIVERED', 'RETRYING', 'FAILED'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface Webhook {
  id: string;
  workspaceId: string;
  name: string;
  url: string;
  /** Empty: every object. */
  objectKeys: string[];
  /** Empty: every event. */
  events: WebhookEvent[];
  enabled: boolean;
  secret: string;
  /** Changes up to this id predate the webhook. */
  startChangeId: string;
  createdAt: Date;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  workspaceId: string;
  changeId: string;
  event: WebhookEvent;
  objectKey: string;
  recordId: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  nextAttemptAt: Date | null;
  firstAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A change-log kind as a webhook event (a field's type conversion is an update of its values). */
export function eventOfChange(kind: ChangeKind): WebhookEvent {
  return kind === 'convert' ? 'UPDATE' : (kind.toUpperCase() as WebhookEvent);
}

/** `X-CRM-Event`. */
export const eventHeader: Record<WebhookEvent, string> = {
  CREATE: 'record.created',
  UPDATE: 'record.updated',
  DELETE: 'record.deleted',
  RESTORE: 'record.restored',
};

/** Whether a webhook wants an event of this object. */
export function wants(
  webhook: Pick<Webhook, 'objectKeys' | 'events'>,
  objectKey: string,
  event: WebhookEvent,
): boolean {
  return (
    (!webhook.objectKeys.length || webhook.objectKeys.includes(objectKey)) &&
    (!webhook.events.length || webhook.events.includes(event))
  );
}
