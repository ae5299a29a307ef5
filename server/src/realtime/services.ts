import type { RequestContext, Role } from '../identity/index.js';
import type { ChangeEvent } from './change-event.js';
import type { EventBus } from '../platform/index.js';
import type { ChangeFeed } from './change-feed.js';
import type { MetadataCache } from '../metadata/index.js';

/** What the real-time subscriptions need from the app, wired once per server. */
export interface RealtimeServices {
  events: EventBus;
  /** Committed record changes, live and resumable. */
  changeFeed: ChangeFeed;
  /** Narrows change events to a subscriber's permission profile (the access module's). */
  changeEventAccess: ChangeEventGate;
  metadataCache: MetadataCache;
}

/**
 * For one subscriber: a check that answers the event as they may see it (hidden fields taken
 * out), or null when the record is outside their read scope. Null: they see every event.
 */
export interface ChangeEventGate {
  forSubscriber(
    workspaceId: string,
    userId: string,
    role: Role,
  ): ((event: ChangeEvent) => Promise<ChangeEvent | null>) | null;
}

/** A real-time resolver's context: the request with the realtime module's own services. */
export type RealtimeContext = RequestContext<RealtimeServices>;
