import type { RequestContext } from '../identity/index.js';
import type { MetadataCache } from '../metadata/index.js';
import type { EventBus, Logger, WebhookConfig } from '../platform/index.js';
import type { SqlRecordStore } from '../records/index.js';
import type { WebhookConsumer } from './consumer.js';

/** What webhooks need from the app. */
export interface WebhooksServices {
  webhookConfig: WebhookConfig;
  records: SqlRecordStore;
  metadataCache: MetadataCache;
  logger: Logger;
  events: EventBus;
  /** Told when a workspace's webhooks change, so its next commit wakes the consumer. */
  webhookConsumer: Pick<WebhookConsumer, 'changed'>;
}

export type WebhooksContext = RequestContext<WebhooksServices>;
