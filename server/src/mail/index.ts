// Mail: the outbox every outgoing message is queued in, durable in the writer's transaction.
// Sending (SMTP, templates, bounces) is the e-mail issue's; until then messages wait, QUEUED.
export {
  listMail,
  mailStatuses,
  noSenderReason,
  queueMail,
  type MailMessage,
  type MailStatus,
  type NewMailMessage,
} from './outbox.js';
export { mailMigrations } from './migrations/index.js';
