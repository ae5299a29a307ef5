/** An item of a list kept live by pushes of each item as it now is. */
export interface PushedItem {
  id: string;
  createdAt: string;
}

/**
 * How far on a version of an item is: the list's items only move forward, so of two versions
 * the one with more progress is the later; at a tie the one that came last wins.
 */
export type Progress<T> = (item: T) => number;

/** Keeps the latest version pushed of `item`. */
export function keepPushed<T extends PushedItem>(
  pushed: Map<string, T>,
  item: T,
  progress: Progress<T>,
): void {
  const held = pushed.get(item.id);
  if (!held || progress(item) >= progress(held)) pushed.set(item.id, item);
}

/**
 * The list to show, newest first: the items read, each replaced by its pushed version unless the
 * read is further on, and the pushed items the read did not have. The subscription opens with the
 * newest items as they are once it listens and the read is sent at the same time, so either can
 * be answered first; a read answered before a push may also land after it. Neither loses the other.
 */
export function withPushed<T extends PushedItem>(
  read: readonly T[],
  pushed: ReadonlyMap<string, T>,
  progress: Progress<T>,
): T[] {
  const items = new Map(read.map((item) => [item.id, item]));
  for (const item of pushed.values()) {
    const held = items.get(item.id);
    if (!held || progress(item) >= progress(held)) items.set(item.id, item);
  }
  const newestFirst = (a: T, b: T) =>
    b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return [...items.values()].sort(newestFirst);
}
