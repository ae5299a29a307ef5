import { afterEach, describe, expect, it, vi } from 'vitest';
import { DueJobNudges } from './enqueue.js';

describe('DueJobNudges', () => {
  afterEach(() => vi.useRealTimers());

  it('nudges once when the latest due time has come', async () => {
    vi.useFakeTimers();
    const notify = vi.fn(async () => undefined);
    const nudges = new DueJobNudges(notify, () => undefined);
    nudges.at(new Date(Date.now() + 100));
    nudges.at(new Date(Date.now() + 200));
    await vi.advanceTimersByTimeAsync(150);
    expect(notify).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('sends nothing once closed, and close waits for a nudge under way', async () => {
    vi.useFakeTimers();
    let finish: () => void = () => undefined;
    const notify = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const nudges = new DueJobNudges(notify, () => undefined);
    nudges.at(new Date(Date.now() + 100));
    await vi.advanceTimersByTimeAsync(110);
    expect(notify).toHaveBeenCalledTimes(1);

    let closed = false;
    const closing = nudges.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    finish();
    await closing;
    expect(closed).toBe(true);

    // A write committed during shutdown asks again: nothing is sent (the pool is going away).
    nudges.at(new Date(Date.now() + 100));
    await vi.advanceTimersByTimeAsync(500);
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('cancels a pending nudge on close', async () => {
    vi.useFakeTimers();
    const notify = vi.fn(async () => undefined);
    const nudges = new DueJobNudges(notify, () => undefined);
    nudges.at(new Date(Date.now() + 100));
    await nudges.close();
    await vi.advanceTimersByTimeAsync(500);
    expect(notify).not.toHaveBeenCalled();
  });
});
