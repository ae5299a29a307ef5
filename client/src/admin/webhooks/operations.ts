import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Outgoing webhooks (docs/automation.md "Webhooks"): the admin screen's documents.

export type WebhookEvent = 'CREATE' | 'UPDATE' | 'DELETE' | 'RESTORE';
export const webhookEvents: WebhookEvent[] = ['CREATE', 'UPDATE', 'DELETE', 'RESTORE'];

export interface Webhook {
  id: string;
  name: string;
  url: string;
  objectKeys: string[];
  events: WebhookEvent[];
  enabled: boolean;
  createdAt: string;
  lastChangeId: string | null;
}

export interface WebhookDelivery {
  id: string;
  changeId: string;
  event: WebhookEvent;
  objectKey: string;
  recordId: string;
  status: 'PENDING' | 'DELIVERED' | 'RETRYING' | 'FAILED';
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface WebhookInput {
  name: string;
  url: string;
  objectKeys: string[];
  events: WebhookEvent[];
  enabled: boolean;
}

const webhookFields = gql`
  fragment WebhookFields on Webhook {
    id
    name
    url
    objectKeys
    events
    enabled
    createdAt
    lastChangeId
  }
`;

export const WEBHOOKS: TypedDocumentNode<{ webhooks: Webhook[] }> = gql`
  query Webhooks {
    webhooks {
      ...WebhookFields
    }
  }
  ${webhookFields}
`;

const deliveryFields = gql`
  fragment WebhookDeliveryFields on WebhookDelivery {
    id
    changeId
    event
    objectKey
    recordId
    status
    attempts
    responseStatus
    responseBody
    error
    nextAttemptAt
    createdAt
  }
`;

export interface WebhookDeliveryPage {
  nodes: WebhookDelivery[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export const WEBHOOK_DELIVERIES: TypedDocumentNode<
  { webhookDeliveries: WebhookDeliveryPage },
  { webhookId: string }
> = gql`
  query WebhookDeliveries($webhookId: ID!) {
    webhookDeliveries(webhookId: $webhookId, first: 50) {
      nodes {
        ...WebhookDeliveryFields
      }
      hasNextPage
      endCursor
    }
  }
  ${deliveryFields}
`;

export const WEBHOOK_DELIVERY_CHANGED: TypedDocumentNode<
  { webhookDeliveryChanged: WebhookDelivery },
  { webhookId: string }
> = gql`
  subscription WebhookDeliveryChanged($webhookId: ID!) {
    webhookDeliveryChanged(webhookId: $webhookId) {
      ...WebhookDeliveryFields
    }
  }
  ${deliveryFields}
`;

/** The log with a pushed delivery: in place when listed, else where its time puts it (newest first). */
export function withPushedDelivery(
  page: WebhookDeliveryPage,
  delivery: WebhookDelivery,
): WebhookDeliveryPage {
  const at = page.nodes.findIndex((d) => d.id === delivery.id);
  if (at !== -1) return { ...page, nodes: page.nodes.map((d, i) => (i === at ? delivery : d)) };
  const time = (d: WebhookDelivery) => new Date(d.createdAt).getTime();
  const before = page.nodes.findIndex((d) => time(d) < time(delivery));
  const nodes = [...page.nodes];
  nodes.splice(before === -1 ? nodes.length : before, 0, delivery);
  return { ...page, nodes };
}

export const CREATE_WEBHOOK: TypedDocumentNode<
  { createWebhook: { secret: string; webhook: Webhook } },
  { input: WebhookInput }
> = gql`
  mutation CreateWebhook($input: WebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        ...WebhookFields
      }
    }
  }
  ${webhookFields}
`;

export const UPDATE_WEBHOOK: TypedDocumentNode<
  { updateWebhook: Webhook },
  { id: string; input: WebhookInput }
> = gql`
  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      ...WebhookFields
    }
  }
  ${webhookFields}
`;

export const DELETE_WEBHOOK: TypedDocumentNode<{ deleteWebhook: boolean }, { id: string }> = gql`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`;

export const ROTATE_WEBHOOK_SECRET: TypedDocumentNode<
  { rotateWebhookSecret: { secret: string; webhook: Webhook } },
  { id: string }
> = gql`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      webhook {
        ...WebhookFields
      }
    }
  }
  ${webhookFields}
`;

/**
 * Queues a delivery again. Only its id is read back: the attempt runs in the background and its
 * statuses arrive pushed, in order; a status read here could land after the push of the attempt
 * and take the log back to PENDING.
 */
export const REDELIVER: TypedDocumentNode<{ redeliverWebhookDelivery: { id: string } }, { id: string }> = gql`
  mutation RedeliverWebhookDelivery($id: ID!) {
    redeliverWebhookDelivery(id: $id) {
      id
    }
  }
`;

/** The input that saves `webhook` as it is, with `changes` over it. */
export function inputOf(webhook: Webhook, changes: Partial<WebhookInput> = {}): WebhookInput {
  return {
    name: webhook.name,
    url: webhook.url,
    objectKeys: webhook.objectKeys,
    events: webhook.events,
    enabled: webhook.enabled,
    ...changes,
  };
}

export const REPLAY_WEBHOOK: TypedDocumentNode<
  { replayWebhook: Webhook },
  { id: string; afterChangeId: string }
> = gql`
  mutation ReplayWebhook($id: ID!, $afterChangeId: String!) {
    replayWebhook(id: $id, afterChangeId: $afterChangeId) {
      ...WebhookFields
    }
  }
  ${webhookFields}
`;
