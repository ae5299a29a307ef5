import type { RequestContext } from '../identity/index.js';
import type { MetadataCache, MetadataServices } from '../metadata/index.js';
import type { EventBus } from '../platform/index.js';

/** What reminders and the inbox need from the app: the bus, and metadata's (rules are metadata). */
export interface ActivitiesServices extends MetadataServices {
  events: EventBus;
  /** Names a delivered notification's object without loading the metadata per delivery. */
  metadataCache: MetadataCache;
}

/** An activities resolver's context: the request with the module's own services. */
export type ActivitiesContext = RequestContext<ActivitiesServices>;
