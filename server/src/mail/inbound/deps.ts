import type { MikroORM } from '@mikro-orm/postgresql';
import type { MetadataCache } from '../../metadata/index.js';
import type { EventBus, InboundSettings, Logger } from '../../platform/index.js';
import type { RecordStore } from '../../records/index.js';

/** What receiving mail needs from the process: the API server's or a worker's. */
export interface InboundDeps {
  orm: MikroORM;
  logger: Logger;
  events: EventBus;
  metadataCache: MetadataCache;
  /** Read when a message arrives: the store is made after the jobs' tasks. */
  records: () => RecordStore;
  settings: InboundSettings;
}
