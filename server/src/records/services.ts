import type { RequestContext } from '../identity/index.js';
import type { FilterLimits } from './query/filter-limits.js';

/** What the generated records API needs from the app, wired once per server. */
export interface RecordsServices {
  /** How deep and large a filter (typed argument) may be. */
  filterLimits: FilterLimits;
}

/** The generated resolvers' context: the request with the records module's own services. */
export type RecordsContext = RequestContext<RecordsServices>;
