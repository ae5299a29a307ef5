import { FeedQueue } from '../platform/index.js';
import type { ChangeEvent } from '../realtime/index.js';
import { decodeFeedCursor, encodeFeedCursor } from './cursor.js';
import type {
  TimelineChangeWatcher,
  TimelineEntry,
  TimelineEvent,
  TimelineItem,
  TimelineSource,
  TimelineSourceContext,
  TimelineTarget,
} from './source.js';

export interface TimelinePage {
  nodes: TimelineItem[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * One page of the merged feed, newest first: each source asked for one more entry than the
 * page holds, then a k-way merge by time that keeps each source's own order, so every
 * source's position is the last of its entries shown.
 */
export async function readTimeline(
  ctx: TimelineSourceContext,
  sources: readonly TimelineSource[],
  target: TimelineTarget,
  request: { first: number; after: string | null; kinds: ReadonlySet<string> },
): Promise<TimelinePage> {
  const position = decodeFeedCursor(request.after);
  const asked = sources.filter(
    (s) => s.kinds.some((k) => request.kinds.has(k)) && !position.ended.includes(s.name),
  );
  // Each source's read is one statement outside any transaction: they run side by side.
  const lists: TimelineEntry[][] = await Promise.all(
    asked.map((source) => {
      const kinds = new Set(source.kinds.filter((k) => request.kinds.has(k)));
      const after = position.after[source.name] ?? null;
      return source.read(ctx, { target, after, first: request.first + 1, kinds });
    }),
  );
  const taken = lists.map(() => 0);
  const nodes: TimelineItem[] = [];
  while (nodes.length < request.first) {
    let next = -1;
    lists.forEach((list, i) => {
      const head = list[taken[i]!];
      if (head && (next < 0 || head.item.at > lists[next]![taken[next]!]!.item.at)) next = i;
    });
    if (next < 0) break;
    nodes.push(lists[next]![taken[next]!]!.item);
    taken[next]! += 1;
  }
  const after = { ...position.after };
  const ended = [...position.ended];
  asked.forEach((source, i) => {
    const list = lists[i]!;
    if (taken[i]! > 0) after[source.name] = list[taken[i]! - 1]!.cursor;
    // Asked for first + 1: fewer means nothing older, and all of them shown means done.
    if (list.length <= request.first && taken[i] === list.length) ended.push(source.name);
  });
  const hasNextPage = asked.some((source) => !ended.includes(source.name));
  return { nodes, hasNextPage, endCursor: nodes.length ? encodeFeedCursor({ after, ended }) : request.after };
}

/**
 * The target's timeline events as they happen: change-log sources map each committed change
 * (in order), other sources push their own; ends when the subscriber leaves.
 */
export async function watchTimeline(
  ctx: TimelineSourceContext,
  sources: readonly TimelineSource[],
  target: TimelineTarget,
  changes: AsyncIterable<ChangeEvent>,
  options: { since: string | null; stillReadable?: () => Promise<boolean> },
): Promise<AsyncIterable<TimelineEvent>> {
  const { since, stillReadable } = options;
  const watchers: TimelineChangeWatcher[] = [];
  try {
    for (const source of sources)
      if (source.watchChanges) watchers.push(await source.watchChanges(ctx, target));
  } catch (error) {
    // The feed's listener is already registered: let it go.
    await changes[Symbol.asyncIterator]().return?.();
    throw error;
  }
  const inputs: AsyncIterator<unknown>[] = [];
  const queue = new FeedQueue<TimelineEvent>(() => {
    for (const input of inputs) void input.return?.();
  });
  const pump = async <T>(iterable: AsyncIterable<T>, handle: (value: T) => Promise<void>) => {
    const iterator = iterable[Symbol.asyncIterator]();
    inputs.push(iterator);
    try {
      for (let step = await iterator.next(); !step.done; step = await iterator.next())
        await handle(step.value);
    } catch (error) {
      queue.end(error);
    }
  };
  void pump(changes, async (change) => {
    for (const watch of watchers) for (const event of await watch(change)) queue.push(event);
  });
  for (const source of sources)
    if (source.subscribe)
      void pump(source.subscribe(ctx, target, since), async (event) => {
        // Items of the record itself (comments, e-mails) are checked per event, as change
        // items are by the feed's gate: a share taken away stops them at once.
        if (!stillReadable || (await stillReadable())) queue.push(event);
      });
  return queue;
}
