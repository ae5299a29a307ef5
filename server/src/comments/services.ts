import type { RequestContext } from '../identity/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordAccessViews, RecordStore } from '../records/index.js';

/**
 * What comments need from the app: the bus (live threads, the inbox), the record store (the
 * record must exist) and the permission profiles (the caller, and whoever is told, must read it).
 */
export interface CommentsServices {
  events: EventBus;
  records: RecordStore;
  recordAccess: RecordAccessViews;
}

/** A comments resolver's context: the request with the module's own services. */
export type CommentsContext = RequestContext<CommentsServices>;
