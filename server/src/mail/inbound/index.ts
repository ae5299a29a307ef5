// Inbound mail: each workspace's forwarding address, its connected IMAP mailbox read by a
// recurring job, and received messages logged on the matching records' timelines.
export { createInboundMail, type InboundMailParts } from './inbound-mail.js';
export type { InboundDeps, ReplyLoggedEvent } from './deps.js';
export { countAnsweredMail } from './answered.js';
export { emailReceivedKind } from './timeline-source.js';
export { InboundMailResolver } from './graphql/resolver.js';
export type { InboundServices } from './services.js';
export type { InboundLogged } from './topics.js';
export { inboundMigrations } from './migrations/index.js';
