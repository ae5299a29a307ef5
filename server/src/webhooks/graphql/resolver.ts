import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import {
  BadInput,
  decodeTimeCursor,
  encodeTimeCursor,
  maxLatest,
  openingWithNewest,
  parseId,
} from '../../platform/index.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  redeliver,
  rotateWebhookSecret,
  updateWebhook,
} from '../admin.js';
import type { Webhook, WebhookDelivery } from '../model.js';
import { consumerPosition, replayWebhook } from '../replay.js';
import type { WebhooksContext } from '../services.js';
import { listDeliveries, listWebhooks } from '../store.js';
import { deliveriesRoute, type WebhookDeliveryChanged } from '../topics.js';
import {
  WebhookCreatedType,
  WebhookDeliveryPageType,
  WebhookDeliveryType,
  WebhookInput,
  WebhookType,
  type WebhookEventEnum,
  type WebhookDeliveryStatusEnum,
} from './types.js';

const maxDeliveryPage = 200;

function typed(webhook: Webhook, cursor: bigint | null): WebhookType {
  const start = BigInt(webhook.startChangeId);
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    objectKeys: webhook.objectKeys,
    events: webhook.events as WebhookEventEnum[],
    enabled: webhook.enabled,
    createdAt: webhook.createdAt,
    lastChangeId: cursor === null ? null : String(cursor > start ? cursor : start),
  };
}

function typedDelivery(d: Omit<WebhookDelivery, 'body'>): WebhookDeliveryType {
  return {
    id: d.id,
    webhookId: d.webhookId,
    changeId: d.changeId,
    event: d.event as WebhookEventEnum,
    objectKey: d.objectKey,
    recordId: d.recordId,
    status: d.status as WebhookDeliveryStatusEnum,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    responseBody: d.responseBody,
    error: d.error,
    nextAttemptAt: d.nextAttemptAt,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
  };
}

async function withCursor(ctx: WebhooksContext, webhook: Webhook): Promise<WebhookType> {
  return typed(webhook, await consumerPosition(ctx.em, webhook.workspaceId));
}

@Resolver()
export class WebhookResolver {
  @Query(() => [WebhookType], { description: 'The workspace’s outgoing webhooks (admins).' })
  async webhooks(@Ctx() ctx: WebhooksContext): Promise<WebhookType[]> {
    const { workspaceId } = requirePermission(ctx, 'webhooks.manage');
    const cursor = await consumerPosition(ctx.em, workspaceId);
    return (await listWebhooks(ctx.em, workspaceId)).map((w) => typed(w, cursor));
  }

  @Query(() => WebhookDeliveryPageType, { description: 'A webhook’s delivery log, newest first (admins).' })
  async webhookDeliveries(
    @Arg('webhookId', () => ID) webhookId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: `1–${maxDeliveryPage}.` }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: WebhooksContext,
  ): Promise<WebhookDeliveryPageType> {
    if (!Number.isInteger(first) || first < 1 || first > maxDeliveryPage)
      throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxDeliveryPage}.`);
    const webhook = await getWebhook(ctx, webhookId);
    const rows = await listDeliveries(ctx.em, webhook.id, first, after ? decodeTimeCursor(after) : null);
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return {
      nodes: page.map(typedDelivery),
      hasNextPage: rows.length > first,
      endCursor: last ? encodeTimeCursor(last.createdAt, last.id) : null,
    };
  }

  @Mutation(() => WebhookCreatedType, { description: 'A new webhook; its secret is shown this once.' })
  async createWebhook(
    @Arg('input', () => WebhookInput) input: WebhookInput,
    @Ctx() ctx: WebhooksContext,
  ): Promise<WebhookCreatedType> {
    const { webhook, secret } = await createWebhook(ctx, input);
    return { webhook: await withCursor(ctx, webhook), secret };
  }

  @Mutation(() => WebhookType)
  async updateWebhook(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => WebhookInput) input: WebhookInput,
    @Ctx() ctx: WebhooksContext,
  ): Promise<WebhookType> {
    return withCursor(ctx, await updateWebhook(ctx, id, input));
  }

  @Mutation(() => Boolean, { description: 'Deletes a webhook with its delivery log.' })
  async deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext): Promise<boolean> {
    return deleteWebhook(ctx, id);
  }

  @Mutation(() => WebhookCreatedType, {
    description: 'A new secret, shown this once; the old one stops signing at once.',
  })
  async rotateWebhookSecret(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: WebhooksContext,
  ): Promise<WebhookCreatedType> {
    const { webhook, secret } = await rotateWebhookSecret(ctx, id);
    return { webhook: await withCursor(ctx, webhook), secret };
  }

  @Mutation(() => WebhookDeliveryType, {
    description: 'Sends a delivery again now (same id and body), with a new retry window.',
  })
  async redeliverWebhookDelivery(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: WebhooksContext,
  ): Promise<WebhookDeliveryType> {
    return typedDelivery(await redeliver(ctx, id));
  }

  @Mutation(() => WebhookType, {
    description:
      'Delivers again every matching change after this id, in order (resumable like subscriptions’ `after`).',
  })
  async replayWebhook(
    @Arg('id', () => ID) id: string,
    @Arg('afterChangeId', () => String) afterChangeId: string,
    @Ctx() ctx: WebhooksContext,
  ): Promise<WebhookType> {
    return withCursor(ctx, await replayWebhook(ctx, id, afterChangeId));
  }

  @Subscription(() => WebhookDeliveryType, {
    description:
      'Each attempt of a webhook’s deliveries (admins), the delivery as it now is: a new delivery shows at its first attempt. With `latest`, it opens with the newest deliveries as they are once it listens (oldest of them first), so a log read just before subscribing misses nothing.',
    subscribe: async ({ args, context }) => {
      const ctx = context as WebhooksContext;
      const { webhookId, latest } = args as { webhookId: string; latest: number };
      const webhook = await getWebhook(ctx, parseId('webhookId', String(webhookId)));
      return openingWithNewest(
        latest,
        async (count) =>
          (await listDeliveries(ctx.em, webhook.id, count, null))
            .slice(0, count)
            .map((delivery) => ({ delivery })),
        () =>
          ctx.services.events.subscribe(
            'webhooks.deliveryChanged',
            deliveriesRoute(webhook.workspaceId, webhook.id),
          ),
      );
    },
  })
  webhookDeliveryChanged(
    @Root() event: WebhookDeliveryChanged,
    @Arg('webhookId', () => ID) _webhookId: string,
    @Arg('latest', () => Int, {
      defaultValue: 0,
      description: `Open with this many newest deliveries (0–${maxLatest}) before the attempts.`,
    })
    _latest: number,
  ): WebhookDeliveryType {
    return typedDelivery(event.delivery);
  }
}
