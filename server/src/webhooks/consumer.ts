import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ChangeConsumer } from '../consumers/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import type { EventBus, Logger } from '../platform/index.js';
import type { ChangeLogRow, SqlRecordStore } from '../records/index.js';
import { scheduleAttempts } from './deliver.js';
import { eventOfChange, wants, type Webhook } from './model.js';
import { changeBodies } from './payload.js';
import { insertDeliveries, listWebhooks, type NewDelivery } from './store.js';
import { WantedCache } from './wanted.js';

/** The change consumer's name: it names its cursor rows and jobs. */
export const webhookConsumerName = 'webhooks';

export interface WebhookConsumer extends ChangeConsumer {
  /** After a commit that changed a workspace's webhooks: every process asks again whether it wants it. */
  changed(workspaceId: string): void;
  close(): Promise<void>;
}

export interface WebhookConsumerDeps {
  orm: MikroORM;
  events: EventBus;
  logger: Logger;
  /** Read late: the store takes the consumers' hooks, so it is made after them. */
  store: () => SqlRecordStore;
}

/**
 * Outgoing webhooks as a change-log consumer: each matching committed change becomes a
 * delivery row and its first attempt's job, in the transaction that moves the cursor, so
 * every change is delivered once per webhook however the process stops.
 */
export function webhookConsumer(deps: WebhookConsumerDeps): WebhookConsumer {
  const cache = new WantedCache(deps.orm, deps.events, deps.logger);
  return {
    name: webhookConsumerName,
    wants: (metadata: WorkspaceMetadata) => cache.wanted(metadata.workspaceId),
    changed: (workspaceId) => cache.changed(workspaceId),
    close: () => cache.close(),
    async consume(em, batch) {
      const hooks = (await listWebhooks(em, batch.workspaceId)).filter((w) => w.enabled);
      await enqueueDeliveries(
        em,
        deps.store(),
        batch.metadata,
        hooks,
        batch.changes,
        (webhook, change) => BigInt(change.id) > BigInt(webhook.startChangeId),
      );
    },
  };
}

/**
 * Delivery rows and first attempts for the changes each webhook wants (in change order), in
 * the caller's transaction. `include` narrows further (a webhook hears of changes after it was made).
 */
export async function enqueueDeliveries(
  em: EntityManager,
  store: SqlRecordStore,
  metadata: WorkspaceMetadata,
  webhooks: readonly Webhook[],
  changes: readonly ChangeLogRow[],
  include: (webhook: Webhook, change: ChangeLogRow) => boolean = () => true,
): Promise<number> {
  const wanted = (webhook: Webhook, change: ChangeLogRow) =>
    include(webhook, change) && wants(webhook, change.object_key, eventOfChange(change.kind));
  const relevant = changes.filter((change) => webhooks.some((webhook) => wanted(webhook, change)));
  if (!relevant.length) return 0;
  const bodies = await changeBodies(em, store, metadata, relevant);
  const deliveries: NewDelivery[] = [];
  for (const { change, event, body } of bodies)
    for (const webhook of webhooks) {
      if (!wanted(webhook, change)) continue;
      const id = randomUUID();
      deliveries.push({
        id,
        webhookId: webhook.id,
        workspaceId: metadata.workspaceId,
        changeId: String(change.id),
        event,
        objectKey: change.object_key,
        recordId: change.record_id,
        body: body(id),
      });
    }
  await insertDeliveries(em, deliveries);
  await scheduleAttempts(em, deliveries);
  return deliveries.length;
}
