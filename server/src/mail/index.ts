// Mail: the outbox every outgoing message is queued in (durable in the writer's transaction),
// its sending over SMTP with retries, and each workspace's sender name and reply-to.
export {
  listMail,
  mailStatuses,
  noSenderReason,
  queueMail,
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
  createInboundMail,
  emailReceivedKind,
  inboundMigrations,
  InboundMailResolver,
  type InboundDeps,
  type InboundLogged,
  type InboundMailParts,
  type InboundServices,
} from './inbound/index.js';
