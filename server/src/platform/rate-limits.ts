import type { Redis } from 'ioredis';
import type { Logger } from './logger.js';
import { connectRedis } from './redis-client.js';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Where the app's rate limits count (rate-limiter-flexible). One process: in its memory. With
 * `REDIS_URL` (several processes): in their Redis, under the deployment's namespace (processes
 * of one database are one deployment), so a client meets one limit however the load balancer
 * spreads its requests. While Redis cannot be reached each process counts in its own memory
 * (the library's insurance limiter) rather than letting requests through unchecked.
 */
export class RateLimits {
  private readonly redis?: Redis;

  constructor(private readonly shared?: { redisUrl: string; namespace: string; logger?: Logger }) {
    // No offline queue: while Redis is away a command fails at once and memory answers, where
    // a queued command would hold the request until Redis came back.
    if (shared)
      this.redis = connectRedis(
        shared.redisUrl,
        { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
        shared.logger,
        'rate limits',
      );
  }

  /** `points` per `durationSeconds` for each key, under `name`. */
  limiter(name: string, points: number, durationSeconds: number): RateLimiterAbstract {
    const memory = new RateLimiterMemory({ points, duration: durationSeconds });
    if (!this.redis || !this.shared) return memory;
    return new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `crm:${this.shared.namespace}:limit:${name}`,
      points,
      duration: durationSeconds,
      insuranceLimiter: memory,
    });
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
