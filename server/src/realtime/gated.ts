/**
 * The events `check` lets through, in order. Ending the subscription ends the source at once,
 * even while a check or the source's next event is pending.
 */
export function gated<T>(source: AsyncIterable<T>, check: (event: T) => Promise<T | null>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = source[Symbol.asyncIterator]();
      return {
        async next() {
          for (;;) {
            const next = await iterator.next();
            if (next.done) return next;
            const value = await check(next.value);
            if (value) return { value, done: false };
          }
        },
        return: (value?: unknown) =>
          iterator.return?.(value) ?? Promise.resolve({ value: undefined, done: true as const }),
      };
    },
  };
}
