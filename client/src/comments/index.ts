// Comments: a record's thread with @mentions (autocomplete of members), live.
export { default as CommentThread } from './CommentThread.vue';
