import type { TimelineItem } from './timeline-operations';

/**
 * A live event applied to the items held, newest first: a removal drops the item, a known
 * id merges its data (a linked record's edit carries only the changed values) and keeps
 * its place, a new one goes where its time puts it.
 */
export function applyTimelineEvent(
  items: readonly TimelineItem[],
  event: { item: TimelineItem; removed: boolean },
  shownKinds: ReadonlySet<string>,
): TimelineItem[] {
  const { item, removed } = event;
  const index = items.findIndex((held) => held.id === item.id);
  if (removed) return index < 0 ? [...items] : items.filter((held) => held.id !== item.id);
  if (index >= 0) {
    const held = items[index]!;
    const values = { ...(held.data.values as object), ...(item.data.values as object) };
    const merged = { ...held, data: { ...held.data, ...item.data, ...(held.data.values ? { values } : {}) } };
    return items.map((other, i) => (i === index ? merged : other));
  }
  if (!shownKinds.has(item.kind)) return [...items];
  const at = Date.parse(item.at);
  const before = items.findIndex((held) => Date.parse(held.at) < at);
  return before < 0 ? [...items, item] : [...items.slice(0, before), item, ...items.slice(before)];
}
