import type { RequestContext } from '../identity/index.js';
import type { MetadataCache, MetadataServices } from '../metadata/index.js';
import type { EventBus, Logger } from '../platform/index.js';
import type { SqlRecordStore } from '../records/index.js';

/** What the automation engine needs from the app. */
export interface AutomationServices extends MetadataServices {
  records: SqlRecordStore;
  events: EventBus;
  logger: Logger;
  metadataCache: MetadataCache;
}

export type AutomationContext = RequestContext<AutomationServices>;
