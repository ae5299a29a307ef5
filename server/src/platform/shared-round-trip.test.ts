import { describe, expect, it } from 'vitest';
import { sharedRoundTrip } from './shared-round-trip.js';

describe('sharedRoundTrip', () => {
  it('shares one round trip among callers waiting together, started after each arrived', async () => {
    const started: (() => void)[] = [];
    const fence = sharedRoundTrip(() => new Promise<void>((resolve) => started.push(resolve)));

    const first = fence();
    // Arrived while the first is under way: it may have started before them, so they wait for the next.
    const second = fence();
    const third = fence();
    expect(started).toHaveLength(1);
    started[0]!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
    started[1]!();
    await Promise.all([second, third]);
    expect(started).toHaveLength(2);
  });

  it('passes a failure to its callers and runs again for the next', async () => {
    let fail = true;
    const fence = sharedRoundTrip(async () => {
      if (fail) throw new Error('not listening');
    });
    await expect(fence()).rejects.toThrow('not listening');
    fail = false;
    await expect(fence()).resolves.toBeUndefined();
  });
});
