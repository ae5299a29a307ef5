import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import {
  OutgoingMessage,
  type afterUnloadDocumentPayload,
  type Document,
  type onChangePayload,
} from '@hocuspocus/server';
import { connectRedis, onReconnect, type Logger } from '../../platform/index.js';

/** How a process hands a change it made to a document to the processes that have it open. */
export interface DocumentFanOut {
  publishUpdate(documentName: string, update: Uint8Array): Promise<void>;
}

/**
 * A document's sync-step exchange with the other processes (state vector out, the missing
 * part back) runs at most this often while it changes: it repairs a process that missed an
 * update (Redis restarted), and costs a diff per process, so not one per keystroke.
 */
const syncEveryMs = 1_000;

/**
 * Hocuspocus's Redis extension: every process that has a document open subscribes to
 * its channel and exchanges sync and awareness messages there, so providers on
 * different processes converge. Its Redlock around `onStoreDocument` is dropped: our
 * stores already serialise on the document's row in PostgreSQL, and with the lock a
 * process that found it taken would silently skip its projection.
 */
class RedisFanOut extends RedisExtension implements DocumentFanOut {
  private readonly syncs = new Map<string, NodeJS.Timeout>();

  constructor(configuration: ConstructorParameters<typeof RedisExtension>[0]) {
    super(configuration);
    // What was published while this process's subscriber connection was down is lost to it,
    // and a document nobody edits afterwards would never be repaired: once subscribed again,
    // every open document asks the others for what it misses.
    onReconnect(this.sub, () => void this.resyncOpenDocuments().catch(() => undefined));
  }

  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}

  /**
   * The extension answers each change with a sync-step exchange (step 1 out, step 1 and 2
   * back, step 2 out): four messages and a diff on every process per keystroke, which took
   * half the write capacity of three processes in the load test. A change goes out as its
   * update instead, and the exchange follows within `syncEveryMs`.
   */
  override async onChange(data: onChangePayload): Promise<void> {
    // Only changes made here: a provider's (its connection is the origin) or this server's own
    // (record writes, drafts: each with its origin). An update from Redis comes without one
    // (Hocuspocus 3 applies a plain update message with the connection, none, as its origin),
    // as does the stored state applied on load, which the others read from the database too.
    const origin: unknown = data.transactionOrigin;
    if (origin === undefined || origin === null || origin === this.redisTransactionOrigin) return;
    const { documentName, document } = data;
    if (!this.syncs.has(documentName))
      this.syncs.set(
        documentName,
        setTimeout(() => {
          this.syncs.delete(documentName);
          // A step lost (Redis down) is made good by the next one.
          this.extension()
            .publishFirstSyncStep(documentName, document)
            .catch(() => undefined);
        }, syncEveryMs),
      );
    await this.publishUpdate(documentName, data.update);
  }

  override async afterUnloadDocument(data: afterUnloadDocumentPayload): Promise<void> {
    clearTimeout(this.syncs.get(data.documentName));
    this.syncs.delete(data.documentName);
    await super.afterUnloadDocument(data);
  }

  override async onDestroy(): Promise<void> {
    for (const timer of this.syncs.values()) clearTimeout(timer);
    this.syncs.clear();
    await super.onDestroy();
  }

  /**
   * Sends an update to the document's channel as a plain Yjs update: no round trip, so it
   * needs no loaded document on the way back (a document opened only to apply a record
   * write is unloaded `disconnectDelay` later).
   */
  async publishUpdate(documentName: string, update: Uint8Array): Promise<void> {
    const message = new OutgoingMessage(documentName).createSyncMessage().writeUpdate(update);
    const extension = this.extension();
    await this.pub.publish(extension.pubKey(documentName), extension.encodeMessage(message.toUint8Array()));
  }

  private async resyncOpenDocuments(): Promise<void> {
    // Answered after the resubscriptions ioredis sent on reconnecting: the answers will be heard.
    await this.sub.ping();
    for (const [name, document] of this.instance?.documents ?? [])
      await this.extension().publishFirstSyncStep(name, document);
  }

  /** The extension's channel, framing and sync step (private there). */
  private extension() {
    return this as unknown as {
      pubKey(name: string): string;
      encodeMessage(message: Uint8Array): Buffer;
      publishFirstSyncStep(name: string, document: Document): Promise<unknown>;
    };
  }
}

export function createRedisFanOut(redisUrl: string, logger: Logger): RedisExtension & DocumentFanOut {
  return new RedisFanOut({
    // No retry limit, as for the event bus: updates wait for Redis to come back instead of
    // failing in handlers that nobody awaits (an unhandled rejection ends the process).
    createClient: () => connectRedis(redisUrl, { maxRetriesPerRequest: null }, logger, 'co-editing'),
    prefix: 'crm:collab',
    // How long a process keeps an unused document subscribed, for last messages in flight.
    disconnectDelay: 500,
  });
}
