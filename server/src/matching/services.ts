import type { RequestContext } from '../identity/index.js';
import type { MetadataCache } from '../metadata/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordAccessViews } from '../records/index.js';

/** What matching's queries need from the app: metadata, the caller's record scope, the bus (live panels). */
export interface MatchingServices {
  events: EventBus;
  recordAccess: RecordAccessViews;
  metadataCache: MetadataCache;
}

export type MatchingContext = RequestContext<MatchingServices>;
