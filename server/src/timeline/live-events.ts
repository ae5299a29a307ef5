import type { TimelineEvent } from './source.js';

/**
 * A source's live events from its bus subscription: each bus event read into a timeline event,
 * or skipped when `toEvent` gives null (the item is not on this timeline, or gone already).
 * Not an async generator: ending must end the bus subscription even while waiting for an event.
 */
export function liveTimelineEvents<E>(
  subscription: AsyncIterable<E>,
  toEvent: (event: E) => Promise<TimelineEvent | null>,
): AsyncIterableIterator<TimelineEvent> {
  const changes = subscription[Symbol.asyncIterator]();
  return {
    async next() {
      for (;;) {
        const step = await changes.next();
        if (step.done) return { value: undefined, done: true };
        const event = await toEvent(step.value);
        if (event) return { value: event, done: false };
      }
    },
    async return() {
      await changes.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
