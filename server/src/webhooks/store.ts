import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../platform/index.js';
import type { DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent } from './model.js';

/** The `webhook` and `webhook_delivery` tables: this file is their only reader and writer. */

interface WebhookRow {
  id: string;
  workspace_id: string;
  name: string;
  url: string;
  object_keys: string[];
  events: WebhookEvent[];
  enabled: boolean;
  secret: string;
  start_change_id: string;
  created_at: Date | string;
}

const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  url: r.url,
  objectKeys: r.object_keys,
  events: r.events,
  enabled: r.enabled,
  secret: r.secret,
  startChangeId: String(r.start_change_id),
  createdAt: new Date(r.created_at),
});

export interface WebhookSpec {
  name: string;
  url: string;
  objectKeys: string[];
  events: WebhookEvent[];
  enabled: boolean;
}

export async function listWebhooks(em: EntityManager, workspaceId: string): Promise<Webhook[]> {
  const rows = await queryRows<WebhookRow>(
    em,
    'select * from webhook where workspace_id = ?::uuid order by created_at, id',
    [workspaceId],
  );
  return rows.map(toWebhook);
}

export async function findWebhook(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<Webhook | null> {
  const [row] = await queryRows<WebhookRow>(
    em,
    'select * from webhook where workspace_id = ?::uuid and id = ?::uuid',
    [workspaceId, id],
  );
  return row ? toWebhook(row) : null;
}

export async function insertWebhook(
  em: EntityManager,
  workspaceId: string,
  spec: WebhookSpec,
  secret: string,
  startChangeId: string,
): Promise<Webhook> {
  const [row] = await queryRows<WebhookRow>(
    em,
    `insert into webhook (id, workspace_id, name, url, object_keys, events, enabled, secret, start_change_id)
     values (?::uuid, ?::uuid, ?, ?, ?::text[], ?::text[], ?, ?, ?::bigint) returning *`,
    [
      randomUUID(),
      workspaceId,
      spec.name,
      spec.url,
      spec.objectKeys,
      spec.events,
      spec.enabled,
      secret,
      startChangeId,
    ],
  );
  return toWebhook(row!);
}

export async function updateWebhookRow(
  em: EntityManager,
  workspaceId: string,
  id: string,
  spec: WebhookSpec,
  /**
   * With the webhook enabled, where it starts again if it was off (the log's end now): not with
   * what was written meanwhile. Null when it stays or turns off.
   */
  restartAt: bigint | null,
): Promise<Webhook | null> {
  // `enabled` on the right is the row's value before this update.
  const [row] = await queryRows<WebhookRow>(
    em,
    `update webhook set name = ?, url = ?, object_keys = ?::text[], events = ?::text[], enabled = ?,
       start_change_id = case when ?::bigint is not null and not enabled then ?::bigint else start_change_id end
     where workspace_id = ?::uuid and id = ?::uuid returning *`,
    [
      spec.name,
      spec.url,
      spec.objectKeys,
      spec.events,
      spec.enabled,
      restartAt?.toString() ?? null,
      restartAt?.toString() ?? null,
      workspaceId,
      id,
    ],
  );
  return row ? toWebhook(row) : null;
}

export async function setWebhookSecret(
  em: EntityManager,
  workspaceId: string,
  id: string,
  secret: string,
): Promise<Webhook | null> {
  const [row] = await queryRows<WebhookRow>(
    em,
    'update webhook set secret = ? where workspace_id = ?::uuid and id = ?::uuid returning *',
    [secret, workspaceId, id],
  );
  return row ? toWebhook(row) : null;
}

export async function deleteWebhookRow(em: EntityManager, workspaceId: string, id: string): Promise<boolean> {
  const rows = await queryRows(
    em,
    'delete from webhook where workspace_id = ?::uuid and id = ?::uuid returning id',
    [workspaceId, id],
  );
  return rows.length > 0;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  workspace_id: string;
  change_id: string;
  event: WebhookEvent;
  object_key: string;
  record_id: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  next_attempt_at: Date | string | null;
  first_attempt_at: Date | string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
}

// The pool's connections hand timestamps back as text.
const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  webhookId: r.webhook_id,
  workspaceId: r.workspace_id,
  changeId: String(r.change_id),
  event: r.event,
  objectKey: r.object_key,
  recordId: r.record_id,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  responseStatus: r.response_status,
  responseBody: r.response_body,
  error: r.error,
  nextAttemptAt: dateOrNull(r.next_attempt_at),
  firstAttemptAt: dateOrNull(r.first_attempt_at),
  createdAt: new Date(r.created_at),
  deliveredAt: dateOrNull(r.delivered_at),
});

export type NewDelivery = Pick<
  WebhookDelivery,
  'id' | 'webhookId' | 'workspaceId' | 'changeId' | 'event' | 'objectKey' | 'recordId' | 'body'
>;

/** New PENDING deliveries, in the caller's transaction (their jobs go in the same one). */
export async function insertDeliveries(em: EntityManager, deliveries: readonly NewDelivery[]): Promise<void> {
  if (!deliveries.length) return;
  await queryRows(
    em,
    `insert into webhook_delivery (id, webhook_id, workspace_id, change_id, event, object_key, record_id, body, status, next_attempt_at, created_at)
     select d.id, d.webhook_id, d.workspace_id, d.change_id, d.event, d.object_key, d.record_id, d.body, 'PENDING', now(),
       -- Ordered as given, so a page lists a replay in change order.
       date_trunc('milliseconds', clock_timestamp()) + (d.n * interval '1 millisecond')
     from jsonb_to_recordset(?::jsonb) as d(id uuid, webhook_id uuid, workspace_id uuid, change_id bigint, event text,
       object_key text, record_id uuid, body text, n integer)`,
    [
      JSON.stringify(
        deliveries.map((d, n) => ({
          id: d.id,
          webhook_id: d.webhookId,
          workspace_id: d.workspaceId,
          change_id: d.changeId,
          event: d.event,
          object_key: d.objectKey,
          record_id: d.recordId,
          body: d.body,
          n,
        })),
      ),
    ],
  );
}

export async function findDelivery(
  em: EntityManager,
  workspaceId: string | null,
  id: string,
): Promise<WebhookDelivery | null> {
  const [row] = await queryRows<DeliveryRow>(
    em,
    'select * from webhook_delivery where id = ?::uuid and (?::uuid is null or workspace_id = ?::uuid)',
    [id, workspaceId, workspaceId],
  );
  return row ? toDelivery(row) : null;
}

/** A page of a webhook's deliveries, newest first. */
export async function listDeliveries(
  em: EntityManager,
  webhookId: string,
  first: number,
  after: { at: string; id: string } | null,
): Promise<WebhookDelivery[]> {
  const rows = await queryRows<DeliveryRow>(
    em,
    `select * from webhook_delivery where webhook_id = ?::uuid
       and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
     order by created_at desc, id desc limit ?`,
    [webhookId, after?.at ?? null, after?.at ?? null, after?.id ?? null, first + 1],
  );
  return rows.map(toDelivery);
}

export interface AttemptRecord {
  status: DeliveryStatus;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  nextAttemptAt: Date | null;
  at: Date;
}

/** Writes one attempt's outcome (only over the attempt it read: a duplicate job's write is dropped). */
export async function recordAttempt(
  em: EntityManager,
  delivery: WebhookDelivery,
  attempt: AttemptRecord,
): Promise<boolean> {
  const rows = await queryRows(
    em,
    `update webhook_delivery set status = ?, attempts = attempts + 1, response_status = ?, response_body = ?,
       error = ?, next_attempt_at = ?::timestamptz, first_attempt_at = coalesce(first_attempt_at, ?::timestamptz),
       delivered_at = case when ? = 'DELIVERED' then ?::timestamptz else delivered_at end
     where id = ?::uuid and attempts = ? returning id`,
    [
      attempt.status,
      attempt.responseStatus,
      attempt.responseBody,
      attempt.error,
      attempt.nextAttemptAt,
      attempt.at,
      attempt.status,
      attempt.at,
      delivery.id,
      delivery.attempts,
    ],
  );
  return rows.length > 0;
}

/** A manual redelivery: PENDING again, with a new retry window. */
export async function resetDelivery(em: EntityManager, id: string): Promise<WebhookDelivery> {
  const [row] = await queryRows<DeliveryRow>(
    em,
    `update webhook_delivery set status = 'PENDING', first_attempt_at = null, next_attempt_at = now(), error = null
     where id = ?::uuid returning *`,
    [id],
  );
  return toDelivery(row!);
}

/** The secret of the workspace's webhook at this URL (the oldest, if several), if any. */
export async function secretForUrl(
  em: EntityManager,
  workspaceId: string,
  url: string,
): Promise<string | null> {
  const [row] = await queryRows<{ secret: string }>(
    em,
    'select secret from webhook where workspace_id = ?::uuid and url = ? order by created_at limit 1',
    [workspaceId, url],
  );
  return row?.secret ?? null;
}
