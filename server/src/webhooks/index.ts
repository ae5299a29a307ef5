// Outgoing webhooks: per-workspace subscriptions to record events, delivered from the change
// log (a change consumer), signed with HMAC-SHA256, retried with backoff, logged; the SSRF guard.
export { WebhookResolver } from './graphql/resolver.js';
export type { WebhooksServices } from './services.js';
export { webhookConsumer, type WebhookConsumer, type WebhookConsumerDeps } from './consumer.js';
export type { WebhookDeliveryChanged, WebhooksChanged } from './topics.js';
export { deliverTask, deliverWebhook, type DeliverDeps } from './deliver.js';
export { postSigned, type PostOutcome, type SignedPost } from './send.js';
export { checkTarget, guardedLookup, refuseLiteralTarget, TargetRefused, targetProblem } from './target.js';
export { secretForUrl } from './store.js';
export { signatureHeader, verifySignature } from './signature.js';
export { webhookMigrations } from './migrations/index.js';
