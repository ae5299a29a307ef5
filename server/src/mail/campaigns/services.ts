import type { RequestContext } from '../../identity/index.js';
import type { EventBus } from '../../platform/index.js';
import type { ViewServices } from '../../views/index.js';

/** What the campaign resolvers need from the app. */
export interface CampaignServices extends ViewServices {
  events: EventBus;
  campaigns: {
    /** Where links in mail point: PUBLIC_URL, else where this server listens. */
    linkBase(): string;
  };
}

export type CampaignContext = RequestContext<CampaignServices>;
