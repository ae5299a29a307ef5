import type { EntityManager } from '@mikro-orm/postgresql';
import { lastChangeId, startCursor } from '../consumers/index.js';
import { requirePermission } from '../identity/index.js';
import { loadMetadata, type WorkspaceMetadata } from '../metadata/index.js';
import { BadInput, NotFound, queryRows } from '../platform/index.js';
import { webhookConsumerName } from './consumer.js';
import { scheduleAttempts } from './deliver.js';
import { webhookEvents, type Webhook, type WebhookDelivery, type WebhookEvent } from './model.js';
import { newWebhookSecret } from './signature.js';
import type { WebhooksContext } from './services.js';
import {
  deleteWebhookRow,
  findDelivery,
  findWebhook,
  insertWebhook,
  resetDelivery,
  setWebhookSecret,
  updateWebhookRow,
  type WebhookSpec,
} from './store.js';
import { checkTarget } from './target.js';

/** Webhook administration (admins): the resolvers' operations, each in one transaction. */

export interface WebhookInputValues {
  name: string;
  url: string;
  objectKeys?: string[] | null;
  events?: WebhookEvent[] | null;
  enabled?: boolean | null;
}

function access(ctx: WebhooksContext) {
  return requirePermission(ctx, 'webhooks.manage');
}

/** Checks the input against the workspace (objects exist, the target may be called). */
async function specOf(
  ctx: WebhooksContext,
  metadata: WorkspaceMetadata,
  input: WebhookInputValues,
): Promise<WebhookSpec> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new BadInput(['input', 'name'], 'input.name: 1 to 200 characters.');
  const url = input.url.trim();
  if (url.length > 2000) throw new BadInput(['input', 'url'], 'input.url: at most 2000 characters.');
  await checkTarget(url, ctx.services.webhookConfig.allowPrivate, ['input', 'url']);
  const objectKeys = [...new Set(input.objectKeys ?? [])];
  objectKeys.forEach((key, i) => {
    if (!metadata.objects.some((o) => o.key === key && !o.archivedAt))
      throw new BadInput(['input', 'objectKeys', String(i)], `input.objectKeys[${i}]: no object "${key}".`);
  });
  const events = [...new Set(input.events ?? [])];
  events.forEach((event, i) => {
    if (!webhookEvents.includes(event))
      throw new BadInput(['input', 'events', String(i)], `input.events[${i}]: not an event.`);
  });
  return { name, url, objectKeys, events, enabled: input.enabled ?? true };
}

/**
 * Before a webhook turns enabled: the consumer's cursor starts at the log's end, or moves
 * there when no other webhook was enabled (what it lags behind then is history nobody wants;
 * with another one enabled, the changes it has yet to read are that one's).
 */
async function startDelivering(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  exceptId: string | null,
): Promise<bigint> {
  const [row] = await queryRows<{ any: boolean }>(
    em,
    `select exists (select 1 from webhook where workspace_id = ?::uuid and enabled
       and (?::uuid is null or id <> ?::uuid)) as any`,
    [metadata.workspaceId, exceptId, exceptId],
  );
  return startCursor(em, metadata, webhookConsumerName, { restart: !row?.any });
}

export async function createWebhook(
  ctx: WebhooksContext,
  input: WebhookInputValues,
): Promise<{ webhook: Webhook; secret: string }> {
  const { workspaceId } = access(ctx);
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const spec = await specOf(ctx, metadata, input);
  const secret = newWebhookSecret();
  const webhook = await ctx.em.transactional(async (em) => {
    // It hears of the changes after it was made.
    const logEnd = spec.enabled
      ? await startDelivering(em, metadata, null)
      : await lastChangeId(em, metadata.schema);
    return insertWebhook(em, workspaceId, spec, secret, logEnd.toString());
  });
  ctx.services.webhookConsumer.changed(workspaceId);
  return { webhook, secret };
}

export async function updateWebhook(
  ctx: WebhooksContext,
  id: string,
  input: WebhookInputValues,
): Promise<Webhook> {
  const { workspaceId } = access(ctx);
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const spec = await specOf(ctx, metadata, input);
  const webhook = await ctx.em.transactional(async (em) => {
    const restartAt = spec.enabled ? await startDelivering(em, metadata, id) : null;
    return updateWebhookRow(em, workspaceId, id, spec, restartAt);
  });
  if (!webhook) throw new NotFound('Webhook');
  ctx.services.webhookConsumer.changed(workspaceId);
  return webhook;
}

export async function deleteWebhook(ctx: WebhooksContext, id: string): Promise<boolean> {
  const { workspaceId } = access(ctx);
  if (!(await deleteWebhookRow(ctx.em, workspaceId, id))) throw new NotFound('Webhook');
  ctx.services.webhookConsumer.changed(workspaceId);
  return true;
}

/** A new secret; the old one stops signing at once (pending retries are signed with the new one). */
export async function rotateWebhookSecret(
  ctx: WebhooksContext,
  id: string,
): Promise<{ webhook: Webhook; secret: string }> {
  const { workspaceId } = access(ctx);
  const secret = newWebhookSecret();
  const webhook = await setWebhookSecret(ctx.em, workspaceId, id, secret);
  if (!webhook) throw new NotFound('Webhook');
  return { webhook, secret };
}

export async function getWebhook(ctx: WebhooksContext, id: string): Promise<Webhook> {
  const { workspaceId } = access(ctx);
  const webhook = await findWebhook(ctx.em, workspaceId, id);
  if (!webhook) throw new NotFound('Webhook');
  return webhook;
}

/** Another attempt of a delivery (its body and id unchanged), now, with a fresh retry window. */
export async function redeliver(ctx: WebhooksContext, id: string): Promise<WebhookDelivery> {
  const { workspaceId } = access(ctx);
  return ctx.em.transactional(async (em) => {
    const delivery = await findDelivery(em, workspaceId, id);
    if (!delivery) throw new NotFound('Webhook delivery');
    const reset = await resetDelivery(em, id);
    await scheduleAttempts(em, [reset]);
    return reset;
  });
}
