import { describe, expect, it } from 'vitest';
import { readTogether } from './read-together.js';

/** Reads that note how many of them run at once. */
function counted() {
  let running = 0;
  let most = 0;
  const read = (value: number) => async () => {
    running += 1;
    most = Math.max(most, running);
    await new Promise((resolve) => setImmediate(resolve));
    running -= 1;
    return value;
  };
  return { read, most: () => most };
}

describe('readTogether', () => {
  it('runs the reads at once outside a transaction', async () => {
    const { read, most } = counted();
    const results = await readTogether({ isInTransaction: () => false }, [read(1), read(2), read(3)]);
    expect(results).toEqual([1, 2, 3]);
    expect(most()).toBe(3);
  });

  it('runs them one after the other inside one, in order', async () => {
    const { read, most } = counted();
    const results = await readTogether({ isInTransaction: () => true }, [read(1), read(2), read(3)]);
    expect(results).toEqual([1, 2, 3]);
    expect(most()).toBe(1);
  });
});
