// Comments: a record's thread with @mentions (autocomplete of members), live; a comment's
// text for other views of it (the record timeline).
export { default as CommentThread } from './CommentThread.vue';
export { default as CommentText } from './CommentText.vue';
export { showInThread } from './show-in-thread';
export type { Mention } from './mention-text';
