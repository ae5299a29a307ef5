import type { RequestContext } from '../identity/index.js';
import type { MetadataCache, MetadataServices } from '../metadata/index.js';
import type { EventBus, Logger, WebhookConfig } from '../platform/index.js';
import type { SqlRecordStore } from '../records/index.js';

/** What the automation engine needs from the app. */
export interface AutomationServices extends MetadataServices {
  records: SqlRecordStore;
  events: EventBus;
  logger: Logger;
  metadataCache: MetadataCache;
  /** CALL_WEBHOOK: the SSRF guard's setting and the call's timeout. */
  webhookConfig: WebhookConfig;
}

export type AutomationContext = RequestContext<AutomationServices>;
