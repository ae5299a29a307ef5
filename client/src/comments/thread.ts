import type { Comment, CommentChangeEvent } from './operations';

/** The thread (oldest first) after a pushed change; the author's own echo changes nothing twice. */
export function withChange(comments: readonly Comment[], event: CommentChangeEvent): Comment[] {
  const rest = comments.filter((c) => c.id !== event.commentId);
  if (event.kind === 'DELETED' || !event.comment) return rest;
  if (event.kind === 'EDITED') return comments.map((c) => (c.id === event.commentId ? event.comment! : c));
  return rest.length === comments.length ? [...comments, event.comment] : [...comments];
}
