import type { EventBus } from '../platform/index.js';
import type { IdentityServices, RequestContext } from '../identity/index.js';

/** What the access module needs from the app. */
export interface AccessServices {
  events: EventBus;
  /** An access change bumps the metadata version, which cached callers carry. */
  callers: IdentityServices['callers'];
}

export type AccessContext = RequestContext<AccessServices>;
