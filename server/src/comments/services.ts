import type { RequestContext } from '../identity/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordStore } from '../records/index.js';

/** What comments need from the app: the bus (live threads, the inbox) and the record store (the record must exist). */
export interface CommentsServices {
  events: EventBus;
  records: RecordStore;
}

/** A comments resolver's context: the request with the module's own services. */
export type CommentsContext = RequestContext<CommentsServices>;
