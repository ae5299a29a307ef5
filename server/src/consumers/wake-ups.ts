/**
 * Coalesces the after-commit wake-ups of one process: per key at most one call in flight and
 * one waiting. A commit while a call is in flight waits for one that starts after it (the
 * job it schedules is then sure to see the commit); every commit in between shares it.
 * Without this, 8 concurrent writers each upserted the same keyed job row in turn, and the
 * row lock serialized them (20 rules halved the write rate in bench:automation).
 */
export class WakeUps {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Promise<void>>();

  wake(key: string, call: () => Promise<void>): Promise<void> {
    const queued = this.waiting.get(key);
    if (queued) return queued;
    const running = this.inFlight.get(key);
    if (!running) return this.start(key, call);
    const next = running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.waiting.delete(key);
        return this.start(key, call);
      });
    this.waiting.set(key, next);
    return next;
  }

  private start(key: string, call: () => Promise<void>): Promise<void> {
    const running = call().finally(() => {
      if (this.inFlight.get(key) === running) this.inFlight.delete(key);
    });
    this.inFlight.set(key, running);
    return running;
  }
}
