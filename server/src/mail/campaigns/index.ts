// Campaigns: mail to a saved view's records, throttled through the outbox, with per-recipient
// statuses and counts; unsubscribe links and each workspace's suppression list.
export { CampaignResolver } from './graphql/resolver.js';
export { campaignTasks, type CampaignJobDeps } from './jobs.js';
export { suppressAddresses } from './suppression.js';
export { unsubscribePath, unsubscribeRouter } from './unsubscribe-page.js';
export type { CampaignServices } from './services.js';
