import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from './retry.js';

const config = { retryBaseMs: 30_000, retryMaxMs: 3_600_000, retryWindowMs: 86_400_000 };
const first = new Date('2026-12-03T10:00:00Z');
const after = (ms: number) => new Date(first.getTime() + ms);

describe('the retry schedule', () => {
  it('waits 30 s, then twice as long each time, capped at an hour', () => {
    expect(nextAttemptAt(config, 1, first, first)).toEqual(after(30_000));
    expect(nextAttemptAt(config, 2, first, after(30_000))).toEqual(after(90_000));
    expect(nextAttemptAt(config, 3, first, after(90_000))).toEqual(after(210_000));
    expect(nextAttemptAt(config, 20, first, after(3_600_000))).toEqual(after(7_200_000));
  });

  it('gives up 24 h after the first attempt', () => {
    expect(nextAttemptAt(config, 30, first, after(86_000_000))).toBeNull();
    expect(nextAttemptAt(config, 30, first, after(80_000_000))).toEqual(after(83_600_000));
  });
});
