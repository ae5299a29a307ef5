import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { scheduleJobs } from '../jobs/index.js';
import type { EventBus, Logger, WebhookConfig } from '../platform/index.js';
import { eventHeader, type WebhookDelivery } from './model.js';
import { nextAttemptAt } from './retry.js';
import { postSigned } from './send.js';
import { findDelivery, findWebhook, recordAttempt } from './store.js';
import { deliveriesRoute } from './topics.js';

/** The job that makes one attempt of one delivery. */
export const deliverTask = 'webhook.deliver';

interface DeliverPayload {
  deliveryId: string;
}

/** Enqueues an attempt in the caller's transaction (one pending job per delivery). */
export function scheduleAttempts(
  em: EntityManager,
  deliveries: readonly Pick<WebhookDelivery, 'id'>[],
  at: Date = new Date(),
): Promise<void> {
  return scheduleJobs(
    em,
    deliveries.map((d) => ({
      task: deliverTask,
      payload: { deliveryId: d.id } satisfies DeliverPayload,
      runAt: at,
      key: `webhook-delivery:${d.id}`,
      // The schedule is ours (recorded on the delivery); the queue only retries a crash.
      maxAttempts: 3,
    })),
  );
}

export interface DeliverDeps {
  orm: MikroORM;
  events: EventBus;
  logger: Logger;
  config: WebhookConfig;
}

/**
 * One attempt: POSTs the delivery's stored body, signed with the webhook's current secret,
 * then records the answer and, on failure within the retry window, schedules the next
 * attempt in the same transaction. A job run twice writes once (`recordAttempt` checks the count).
 */
export function deliverWebhook(deps: DeliverDeps): Task {
  return async (raw) => {
    const { deliveryId } = raw as DeliverPayload;
    const em = deps.orm.em.fork();
    const delivery = await findDelivery(em, null, deliveryId);
    if (!delivery || (delivery.status !== 'PENDING' && delivery.status !== 'RETRYING')) return;
    const webhook = await findWebhook(em, delivery.workspaceId, delivery.webhookId);
    if (!webhook) return;
    const now = () => new Date();
    if (!webhook.enabled) {
      await em.transactional((tx) =>
        recordAttempt(tx, delivery, {
          status: 'FAILED',
          responseStatus: null,
          responseBody: null,
          error: 'Not sent: the webhook is disabled (redeliver once it is enabled).',
          nextAttemptAt: null,
          at: now(),
        }),
      );
      await announce(deps, deliveryId);
      return;
    }
    const outcome = await postSigned({
      url: webhook.url,
      body: delivery.body,
      secret: webhook.secret,
      deliveryId: delivery.id,
      event: eventHeader[delivery.event],
      timeoutMs: deps.config.timeoutMs,
      allowPrivate: deps.config.allowPrivate,
    });
    const at = now();
    const next =
      outcome.delivered || !outcome.retryable
        ? null
        : nextAttemptAt(deps.config, delivery.attempts + 1, delivery.firstAttemptAt ?? at, at);
    await em.transactional(async (tx) => {
      const written = await recordAttempt(tx, delivery, {
        status: outcome.delivered ? 'DELIVERED' : next ? 'RETRYING' : 'FAILED',
        responseStatus: outcome.status,
        responseBody: outcome.responseBody,
        error: outcome.error,
        nextAttemptAt: next,
        at,
      });
      if (written && next) await scheduleAttempts(tx, [delivery], next);
    });
    await announce(deps, deliveryId);
    if (!outcome.delivered)
      deps.logger.debug(
        { deliveryId, status: outcome.status, error: outcome.error },
        'webhook attempt failed',
      );
  };
}

/** The delivery as committed, to the watchers of its webhook's log (a new one shows at its first attempt). */
async function announce(deps: DeliverDeps, deliveryId: string): Promise<void> {
  try {
    const delivery = await findDelivery(deps.orm.em.fork(), null, deliveryId);
    if (!delivery) return;
    const { body: _body, ...shown } = delivery;
    await deps.events.publish(
      'webhooks.deliveryChanged',
      deliveriesRoute(delivery.workspaceId, delivery.webhookId),
      {
        delivery: shown,
      },
    );
  } catch (error) {
    // The attempt is recorded; an open log misses this until it is read again.
    deps.logger.warn({ err: error, deliveryId }, 'webhook delivery announcement failed');
  }
}
