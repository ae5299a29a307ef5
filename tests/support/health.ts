import { expect } from 'vitest';

/**
 * `/healthz` while an abusive request runs: issue 11's acceptance bound, 300 ms, asserted on the
 * median of the samples a test takes. A stall (4–9 s before the fixes) pushes every sample past
 * it; a single slow sample on the shared 2-core test machine, where several test files and
 * other work run at once, does not. Each single sample must still stay under `healthzWorstMs`.
 * Measured at load 3.7: medians 20–90 ms, worst single sample 135 ms.
 */
export const healthzBoundMs = 300;
export const healthzWorstMs = 2_000;

/** Times one `/healthz` answer of the server at `url`, which must be 200. */
export async function healthzMs(server: { url: string }): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}/healthz`);
  expect(response.status).toBe(200);
  return performance.now() - started;
}

/** Asserts the acceptance bound on the median of `timings` and the worst-case bound on each. */
export function expectHealthzNotStalled(timings: number[]): void {
  expect(timings.length).toBeGreaterThan(0);
  const sorted = [...timings].sort((a, b) => a - b);
  expect(sorted[Math.floor((sorted.length - 1) / 2)], `/healthz timings ${sorted.join(', ')}`).toBeLessThan(
    healthzBoundMs,
  );
  expect(sorted.at(-1), `/healthz timings ${sorted.join(', ')}`).toBeLessThan(healthzWorstMs);
}
