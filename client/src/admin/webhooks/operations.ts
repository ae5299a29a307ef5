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
  { webhookId: string; first: number }
> = gql`
  query WebhookDeliveries($webhookId: ID!, $first: Int!) {
    webhookDeliveries(webhookId: $webhookId, first: $first) {
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
  { webhookId: string; latest?: number }
> = gql`
  subscription WebhookDeliveryChanged($webhookId: ID!, $latest: Int) {
    webhookDeliveryChanged(webhookId: $webhookId, latest: $latest) {
      ...WebhookDeliveryFields
    }
  }
  ${deliveryFields}
`;

/**
 * How far on a delivery is: each attempt adds one to `attempts`, and a redelivery makes it
 * PENDING again with the attempts it had (as it is before its first attempt).
 */
export const deliveryProgress = (delivery: WebhookDelivery) =>
  2 * delivery.attempts + (delivery.status === 'PENDING' ? 1 : 0);

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
