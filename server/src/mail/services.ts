import type { RequestContext } from '../identity/index.js';

/** What the mail resolvers need from the app. */
export interface MailServices {
  mail: { from: string; serverConfigured: boolean };
}

export type MailContext = RequestContext<MailServices>;
