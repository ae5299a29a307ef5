/**
 * Runs `onEvent` for each event of a bus subscription, in order, until it ends; if the
 * subscription or a handler throws, listening stops and `onError` is told once. Returns what
 * ends the subscription (its `return`, which the bus turns into unsubscribing).
 */
export function onEachEvent<T>(
  subscription: AsyncIterable<T>,
  onEvent: (event: T) => void,
  onError: (error: unknown) => void,
): () => Promise<void> {
  const iterator = subscription[Symbol.asyncIterator]();
  void (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      onEvent(next.value);
    }
  })().catch(onError);
  return async () => {
    await iterator.return?.();
  };
}
