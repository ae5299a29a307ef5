/**
 * `roundTrip` shared by concurrent callers; a caller arriving while one is under way waits
 * for the next, which starts after its arrival (the one under way may have started before).
 */
export function sharedRoundTrip(roundTrip: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const fence = (): Promise<void> => {
    if (!inFlight) return (inFlight = roundTrip().finally(() => (inFlight = undefined)));
    return (queued ??= inFlight
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return fence();
      }));
  };
  return fence;
}
