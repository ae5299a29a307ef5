import type { RequestContext } from '../identity/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordAccessViews } from '../records/index.js';

/** What quotes and invoices need from the app: the bus (live lines) and the caller's record scope (the deal's). */
export interface QuotesServices {
  events: EventBus;
  recordAccess: RecordAccessViews;
}

/** A quotes resolver's context: the request with the module's own services. */
export type QuotesContext = RequestContext<QuotesServices>;
