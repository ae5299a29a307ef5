import type { EntityManager } from '@mikro-orm/postgresql';
import { readCursor } from '../consumers/index.js';
import { requirePermission } from '../identity/index.js';
import { loadMetadata } from '../metadata/index.js';
import { BadInput, NotFound } from '../platform/index.js';
import { readChanges } from '../records/index.js';
import { enqueueDeliveries, webhookConsumerName } from './consumer.js';
import type { Webhook } from './model.js';
import type { WebhooksContext } from './services.js';
import { findWebhook } from './store.js';

const batchSize = 500;

/** Where the webhooks' consumer stands in a workspace: changes up to it have their deliveries. */
export function consumerPosition(em: EntityManager, workspaceId: string): Promise<bigint | null> {
  return readCursor(em, workspaceId, webhookConsumerName);
}

/**
 * Deliveries again for every change after `afterChangeId` the webhook wants, in change
 * order, up to where the consumer stood when asked (it delivers the rest, so the two never
 * overlap): each change once more, as a new delivery with its own id. A batch of changes per
 * transaction, so a replay of a long history holds no lock for long.
 */
export async function replayWebhook(
  ctx: WebhooksContext,
  id: string,
  afterChangeId: string,
): Promise<Webhook> {
  const { workspaceId } = requirePermission(ctx, 'webhooks.manage');
  if (!/^\d{1,18}$/.test(afterChangeId))
    throw new BadInput(
      ['afterChangeId'],
      'afterChangeId: must be a change id (a whole number, 0 for the start).',
    );
  const webhook = await findWebhook(ctx.em, workspaceId, id);
  if (!webhook) throw new NotFound('Webhook');
  const metadata = await loadMetadata(ctx.em, workspaceId);
  // Changes up to the cursor are settled: none in flight can still take an id below it.
  const upTo = (await consumerPosition(ctx.em, workspaceId)) ?? 0n;
  for (let after = BigInt(afterChangeId); after < upTo;) {
    const changes = await ctx.em.transactional(async (em) => {
      const batch = await readChanges(em, metadata.schema, { after, upTo, limit: batchSize });
      await enqueueDeliveries(em, ctx.services.records, metadata, [webhook], batch);
      return batch;
    });
    if (changes.length < batchSize) break;
    after = BigInt(changes.at(-1)!.id);
  }
  return webhook;
}
