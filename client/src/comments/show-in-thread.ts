/**
 * Brings a comment of the record page's thread into view, or the thread itself when that
 * comment is not among the ones it has loaded (the thread reads oldest first, the timeline
 * newest first). The thread is where comments are written, edited and deleted.
 */
export function showInThread(commentId: string): void {
  const comment = document.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(commentId)}"]`);
  const target = comment ?? document.querySelector<HTMLElement>('[data-testid="comment-thread"]');
  target?.scrollIntoView({ behavior: 'smooth', block: 'center' });
}
