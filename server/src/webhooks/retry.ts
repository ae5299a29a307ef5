import type { WebhookConfig } from '../platform/index.js';

/**
 * When to try a failed delivery again: after `retryBaseMs`, doubling up to `retryMaxMs`,
 * while within `retryWindowMs` of the first attempt; null when the window is over (FAILED).
 */
export function nextAttemptAt(
  config: Pick<WebhookConfig, 'retryBaseMs' | 'retryMaxMs' | 'retryWindowMs'>,
  attemptsMade: number,
  firstAttemptAt: Date,
  now: Date,
): Date | null {
  const delay = Math.min(config.retryBaseMs * 2 ** Math.min(attemptsMade - 1, 40), config.retryMaxMs);
  const next = new Date(now.getTime() + delay);
  return next.getTime() - firstAttemptAt.getTime() > config.retryWindowMs ? null : next;
}
