import { describe, expect, it } from 'vitest';
import { WakeUps } from './wake-ups.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('WakeUps', () => {
  it('runs a wake-up at once, and for the commits during it exactly one more, after it', async () => {
    const wakeUps = new WakeUps();
    const started: number[] = [];
    const gates = [deferred(), deferred()];
    const call = () => {
      started.push(started.length);
      return gates[started.length - 1]!.promise;
    };
    const first = wakeUps.wake('w', call);
    const during = [wakeUps.wake('w', call), wakeUps.wake('w', call), wakeUps.wake('w', call)];
    expect(started).toEqual([0]);
    gates[0]!.resolve();
    await first;
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await Promise.all(during);
    expect(started).toEqual([0, 1]);
  });

  it('keeps keys apart, and a failed call does not stop the next', async () => {
    const wakeUps = new WakeUps();
    const calls: string[] = [];
    const failing = wakeUps.wake('a', async () => {
      calls.push('a1');
      throw new Error('down');
    });
    const after = wakeUps.wake('a', async () => void calls.push('a2'));
    await wakeUps.wake('b', async () => void calls.push('b1'));
    await expect(failing).rejects.toThrow('down');
    await after;
    expect(calls.sort()).toEqual(['a1', 'a2', 'b1']);
  });
});
