// The comments' event topic, merged into the bus's EventTopics.

/** A comment of one record was added, edited or deleted (routed by `<workspaceId>:<recordId>`). */
export interface CommentChanged {
  kind: 'ADDED' | 'EDITED' | 'DELETED';
  commentId: string;
  /** One publication (subscribers on a process share its read of the comment). */
  changeId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'comments.changed': [record: string, payload: CommentChanged];
  }
}
