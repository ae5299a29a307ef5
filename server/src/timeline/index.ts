// The record timeline: one paged, live feed per record merging field changes, stage moves,
// linked tasks and notes, and whatever other modules plug in as a TimelineSource.
export { TimelineResolver } from './graphql/resolver.js';
export { TimelineItemActorResolver } from './graphql/actor-name.js';
export { standardTimelineSources, noteKind, taskKind } from './standard-sources.js';
export { fieldChangeKind } from './field-changes.js';
export { stageMoveKind } from './stage-moves.js';
export { linkedRecordSource } from './linked-records.js';
export { parseSourceCursor } from './cursor.js';
export { readTimeline, type TimelinePage } from './feed.js';
export { liveTimelineEvents } from './live-events.js';
export { timelineMigrations } from './migrations/index.js';
export { readableRecordIds } from './readable.js';
export type {
  TimelineChangeWatcher,
  TimelineEntry,
  TimelineEvent,
  TimelineItem,
  TimelineReadQuery,
  TimelineSource,
  TimelineSourceContext,
  TimelineTarget,
} from './source.js';
export type { TimelineServices } from './services.js';
