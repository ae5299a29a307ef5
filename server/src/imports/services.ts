import type { RequestContext } from '../identity/index.js';
import type { MetadataCache } from '../metadata/index.js';
import type { EventBus, ImportConfig, Logger } from '../platform/index.js';
import type { SqlRecordStore } from '../records/index.js';

/** What imports need from the app. */
export interface ImportsServices {
  records: SqlRecordStore;
  metadataCache: MetadataCache;
  events: EventBus;
  logger: Logger;
  importConfig: ImportConfig;
}

export type ImportsContext = RequestContext<ImportsServices>;
