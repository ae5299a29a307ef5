// Mail: the outbox every outgoing message is queued in (durable in the writer's transaction),
// its sending over SMTP with retries, each workspace's sender name and reply-to, e-mail
// templates with merge fields (rendered for a record: renderMailTemplate), campaigns to a view
// and the suppression list every send honours.
export {
  inlineAttachment,
  listMail,
  mailStatuses,
  maxInlineAttachmentBytes,
  noSenderReason,
  queueMail,
  queueMails,
  type MailAttachmentRef,
  type MailMessage,
  type MailStatus,
  type NewMailMessage,
} from './outbox.js';
export { renderMailTemplate, type RenderedMail, type RenderMailInput } from './templates/render.js';
export { extraMergeFields, hopTarget, mergeFieldsOf, type MergeField } from './templates/merge-fields.js';
// The merge-field parser and values, shared with document templates (one syntax, one format).
export { compilePart, plainLiquid, usedMergeFields } from './templates/compile.js';
export { displayValue, recordMergeValues } from './templates/values.js';
export { createMailSender, type MailSender } from './sender.js';
export { caughtMailPage, MailCatcher, type CaughtMessage } from './catcher.js';
export { MailResolver } from './graphql/resolver.js';
export { MailTemplateResolver } from './templates/graphql/resolver.js';
export { emailTimelineSource, emailKind } from './templates/timeline-source.js';
export type { RecordMailChanged } from './topics.js';
export type { MailServices } from './services.js';
export { mailMigrations } from './migrations/index.js';
export {
  countAnsweredMail,
  createInboundMail,
  emailReceivedKind,
  inboundMigrations,
  InboundMailResolver,
  type InboundDeps,
  type InboundLogged,
  type InboundMailParts,
  type InboundServices,
  type ReplyLoggedEvent,
} from './inbound/index.js';
export {
  CampaignResolver,
  campaignTasks,
  suppressAddresses,
  unsubscribeRouter,
  type CampaignServices,
} from './campaigns/index.js';
export { eraseMail, personMail, type PersonMailQuery } from './privacy.js';
