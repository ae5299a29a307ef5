import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * A Redis connection that says in the log when it is lost and when it is back, once each
 * (ioredis retries on its own). Without an `error` listener ioredis prints every failed
 * reconnection attempt to stderr as an "unhandled error event".
 */
export function connectRedis(
  url: string,
  options: RedisOptions,
  logger: Logger | undefined,
  role: string,
): Redis {
  const client = new Redis(url, options);
  let lost = false;
  client.on('error', (error: Error) => {
    if (lost) return;
    lost = true;
    logger?.warn({ err: error, redis: role }, 'Redis connection lost; reconnecting');
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger?.info({ redis: role }, 'Redis connection back');
  });
  return client;
}

/**
 * Calls `listener` each time `client` is ready again after a lost connection (not on its first
 * connection): what was published to a listening connection meanwhile never reached it.
 */
export function onReconnect(client: Pick<Redis, 'on'>, listener: () => void): void {
  let connectedBefore = false;
  client.on('ready', () => {
    if (connectedBefore) listener();
    connectedBefore = true;
  });
}
