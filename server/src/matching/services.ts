import type { RequestContext } from '../identity/index.js';
import type { MetadataCache, MetadataServices } from '../metadata/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordAccessViews } from '../records/index.js';

/**
 * What matching needs from the app: metadata, the caller's record scope, the bus (live panels),
 * and metadata's services for an admin's definition edit (a metadata change).
 */
export interface MatchingServices extends MetadataServices {
  events: EventBus;
  recordAccess: RecordAccessViews;
  metadataCache: MetadataCache;
}

export type MatchingContext = RequestContext<MatchingServices>;
