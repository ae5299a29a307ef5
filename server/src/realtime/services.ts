import type { RequestContext } from '../identity/index.js';
import type { EventBus } from '../platform/index.js';
import type { ChangeFeed } from './change-feed.js';

/** What the real-time subscriptions need from the app, wired once per server. */
export interface RealtimeServices {
  events: EventBus;
  /** Committed record changes, live and resumable. */
  changeFeed: ChangeFeed;
}

/** A real-time resolver's context: the request with the realtime module's own services. */
export type RealtimeContext = RequestContext<RealtimeServices>;
