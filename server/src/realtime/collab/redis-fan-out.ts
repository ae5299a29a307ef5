import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Redis } from 'ioredis';

/**
 * Hocuspocus's Redis extension: every process that has a document open subscribes to
 * its channel and exchanges sync and awareness messages there, so providers on
 * different processes converge. Its Redlock around `onStoreDocument` is dropped: our
 * stores already serialise on the document's row in PostgreSQL, and with the lock a
 * process that found it taken would silently skip its projection.
 */
class RedisFanOut extends RedisExtension {
  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}
}

export function createRedisFanOut(redisUrl: string): RedisExtension {
  return new RedisFanOut({
    // No retry limit, as for the event bus: updates wait for Redis to come back instead of
    // failing in handlers that nobody awaits (an unhandled rejection ends the process).
    createClient: () => new Redis(redisUrl, { maxRetriesPerRequest: null }),
    prefix: 'crm:collab',
    // How long a process keeps an unused document subscribed, for last messages in flight.
    disconnectDelay: 500,
  });
}
