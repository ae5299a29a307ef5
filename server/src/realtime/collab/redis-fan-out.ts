import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { OutgoingMessage } from '@hocuspocus/server';
import { Redis } from 'ioredis';

/** How a process hands a change it made to a document to the processes that have it open. */
export interface DocumentFanOut {
  publishUpdate(documentName: string, update: Uint8Array): Promise<void>;
}

/**
 * Hocuspocus's Redis extension: every process that has a document open subscribes to
 * its channel and exchanges sync and awareness messages there, so providers on
 * different processes converge. Its Redlock around `onStoreDocument` is dropped: our
 * stores already serialise on the document's row in PostgreSQL, and with the lock a
 * process that found it taken would silently skip its projection.
 */
class RedisFanOut extends RedisExtension implements DocumentFanOut {
  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}

  /**
   * Sends an update to the document's channel as a plain Yjs update. The extension's own
   * path for a change is a sync-step exchange (step 1 out, step 1 back, step 2 out), which
   * needs this process to keep the document loaded for the round trip: a document opened
   * only to apply a record write is unloaded `disconnectDelay` later, and on a busy machine
   * the exchange did not finish by then.
   */
  async publishUpdate(documentName: string, update: Uint8Array): Promise<void> {
    const message = new OutgoingMessage(documentName).createSyncMessage().writeUpdate(update);
    // The channel and framing are the extension's (private there): identifier prefix, then the message.
    const framing = this as unknown as {
      pubKey(name: string): string;
      encodeMessage(message: Uint8Array): Buffer;
    };
    await this.pub.publish(framing.pubKey(documentName), framing.encodeMessage(message.toUint8Array()));
  }
}

export function createRedisFanOut(redisUrl: string): RedisExtension & DocumentFanOut {
  return new RedisFanOut({
    // No retry limit, as for the event bus: updates wait for Redis to come back instead of
    // failing in handlers that nobody awaits (an unhandled rejection ends the process).
    createClient: () => new Redis(redisUrl, { maxRetriesPerRequest: null }),
    prefix: 'crm:collab',
    // How long a process keeps an unused document subscribed, for last messages in flight.
    disconnectDelay: 500,
  });
}
