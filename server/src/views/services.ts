import type { RequestContext } from '../identity/index.js';
import type { EventBus } from '../platform/index.js';
import type { FilterLimits } from '../records/index.js';

/** What saved views need from the app, wired once per server. */
export interface ViewServices {
  events: EventBus;
  /** How deep and large a view's filter may be. */
  filterLimits: FilterLimits;
}

/** A view resolver's context: the request with the views module's own services. */
export type ViewContext = RequestContext<ViewServices>;
