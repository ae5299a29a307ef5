// Mail: the outbox every outgoing message is queued in (durable in the writer's transaction),
// its sending over SMTP with retries, each workspace's sender name and reply-to, campaigns to a
// view and the suppression list every send honours.
export {
  listMail,
  mailStatuses,
  noSenderReason,
  queueMail,
  queueMails,
  type MailMessage,
  type MailStatus,
  type NewMailMessage,
} from './outbox.js';
export { createMailSender, type MailSender } from './sender.js';
export { caughtMailPage, MailCatcher, type CaughtMessage } from './catcher.js';
export { MailResolver } from './graphql/resolver.js';
export type { MailServices } from './services.js';
export { mailMigrations } from './migrations/index.js';
export {
  CampaignResolver,
  campaignTasks,
  suppressAddresses,
  unsubscribeRouter,
  type CampaignServices,
} from './campaigns/index.js';
