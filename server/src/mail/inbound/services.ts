import type { RequestContext } from '../../identity/index.js';
import type { InboundSettings } from '../../platform/index.js';
import type { ReceivedBounce } from './bounce.js';
import type { LoggedMail } from './log.js';

/** What inbound mail's resolvers and HTTP door need from the app. */
export interface InboundServices {
  inboundMail: {
    settings: InboundSettings;
    /** Logs a raw RFC 822 message handed over by an authenticated caller (admins' API tokens). */
    receive(ctx: RequestContext, raw: Buffer): Promise<LoggedMail | ReceivedBounce>;
  };
}

export type InboundContext = RequestContext<InboundServices>;
