// Real time: the change feed (outbox → bus → subscribers, resumable), metadata change
// events, and collaborative documents with presence.
export type { ChangeEvent } from './change-event.js';
export {
  ChangeFeed,
  isResumePoint,
  resumedFrom,
  resumeSnapshot,
  type FeedSubscription,
} from './change-feed.js';
export { RealtimeResolver, realtimeSubscribeOnlyArguments } from './graphql/resolver.js';
export { changeCursorPlugin, takeChangeCursor } from './graphql/change-cursor.js';
export { createCollabEndpoint, type CollabEndpoint } from './collab/index.js';
export { MemberSockets } from './member-sockets.js';
export type { ChangeEventGate, RealtimeServices } from './services.js';
export { gated } from './gated.js';
// The module's event topics (merged into platform's EventTopics) and their payloads.
export { changeFeedCatchUp, isChangeFeedTopic, type ChangesWakeUp } from './topics.js';
export { realtimeMigrations } from './migrations/index.js';
