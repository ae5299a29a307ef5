import type { RequestContext } from '../identity/index.js';
import type { EventBus } from '../platform/index.js';

/** What the mail resolvers need from the app. */
export interface MailServices {
  mail: { from: string; serverConfigured: boolean; maxAttachmentBytes: number };
  /** Tells record timelines about a message sent from a record. */
  events: EventBus;
}

export type MailContext = RequestContext<MailServices>;
