// Comments: a thread per record with @mentions, who follows a record, and the MENTION and
// COMMENT notifications they send; live per record over the event bus, and in the record timeline.
export { CommentResolver } from './graphql/resolver.js';
export type { CommentsServices } from './services.js';
export type { CommentChanged } from './topics.js';
export {
  commentCursor,
  listRecordComments,
  type Comment,
  type CommentPage,
  type RecordRef,
} from './store.js';
export { commentKind, commentTimelineSource } from './timeline-source.js';
export { maxBodyLength } from './body.js';
export { addRuleComment, type RuleComment } from './rule-comment.js';
export { commentMigrations } from './migrations/index.js';
export { allRecordComments, eraseCommentText } from './privacy.js';
