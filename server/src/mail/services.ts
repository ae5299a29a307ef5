import type { RequestContext } from '../identity/index.js';
import type { EventBus } from '../platform/index.js';
import type { RecordAccessViews } from '../records/index.js';

/** What the mail resolvers need from the app. */
export interface MailServices {
  mail: { from: string; serverConfigured: boolean; maxAttachmentBytes: number };
  /** Tells record timelines about a message sent from a record. */
  events: EventBus;
  /** The sender's permission profile: records mailed from, previewed or offering recipients. */
  recordAccess: RecordAccessViews;
}

export type MailContext = RequestContext<MailServices>;
