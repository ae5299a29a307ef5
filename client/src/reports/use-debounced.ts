import { onBeforeUnmount } from 'vue';

/**
 * Runs `action` once, `delayMs` after the last call: a burst of pushed changes costs
 * one refresh of an aggregate, not one per change. Cancelled with the component.
 */
export function useDebounced(action: () => void, delayMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
  });
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      action();
    }, delayMs);
  };
}
