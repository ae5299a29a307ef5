import { Hocuspocus, type onAuthenticatePayload } from '@hocuspocus/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { WebSocketServer } from 'ws';
import type { LiveCredentials } from '../../identity/index.js';
import type { EventBus, Logger, WebSocketEndpoint } from '../../platform/index.js';
import type { RecordHooks, RecordStore } from '../../records/index.js';
import { authorizeDocument } from './access.js';
import { CollabDocumentStore } from './document-store.js';
import { FieldDocuments } from './field-documents.js';
import { MembershipWatch } from './membership-watch.js';
import { createRedisFanOut } from './redis-fan-out.js';

export interface CollabDeps {
  orm: MikroORM;
  /** The record store that projections write through (with its hooks: change log, feed). */
  store: RecordStore;
  logger: Logger;
  /** Member events (role changed, removed) close the member's open connections. */
  events: EventBus;
  /** Closes sockets whose session is signed out or whose token is revoked. */
  liveCredentials: LiveCredentials;
  /** Share documents with the other processes on this Redis. */
  redisUrl?: string;
}

/** `WS /collab`, plus the record-store hooks that bring record writes into open documents. */
export interface CollabEndpoint extends WebSocketEndpoint {
  recordHooks: RecordHooks;
}

/** Projection within a second of an edit: at most this long after the last one… */
const storeDebounceMs = 300;
/** …and at most this long after the first of a continuous stream. */
const storeMaxDebounceMs = 900;
/**
 * Ping interval: a socket that misses a pong is closed at the next one, which removes
 * its awareness states, so a vanished client is gone within two intervals.
 */
const pingTimeoutMs = 3_000;
/** A long-text field holds up to 1,000,000 characters; its first sync can be a few MB. */
const maxMessageBytes = 16 * 1024 * 1024;
const shutdownWaitMs = 5_000;

export function createCollabEndpoint(deps: CollabDeps): CollabEndpoint {
  const logger = deps.logger.child({ module: 'collab' });
  const documents = new CollabDocumentStore(deps.orm);
  const fieldDocuments = new FieldDocuments(deps.orm, deps.store, documents, logger, Boolean(deps.redisUrl));
  const membershipWatch = new MembershipWatch(deps.events, deps.liveCredentials, () => hocuspocus, logger);
  const extensions = [
    ...(deps.redisUrl ? [createRedisFanOut(deps.redisUrl)] : []),
    fieldDocuments,
    membershipWatch,
  ];
  const hocuspocus: Hocuspocus = new Hocuspocus({
    name: 'crm-collab',
    quiet: true,
    debounce: storeDebounceMs,
    maxDebounce: storeMaxDebounceMs,
    timeout: pingTimeoutMs,
    extensions,
    async onAuthenticate(payload: onAuthenticatePayload) {
      const { context, readOnly } = await authorizeDocument(deps.orm, deps.store, payload);
      payload.connectionConfig.readOnly = readOnly;
      return context;
    },
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });

  return {
    recordHooks: fieldDocuments.recordHooks,
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => hocuspocus.handleConnection(ws, request));
    },
    async close() {
      await fieldDocuments.stop();
      // Closing the connections stores each document (projection, compaction) and unloads it.
      hocuspocus.closeConnections();
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      const deadline = Date.now() + shutdownWaitMs;
      while (hocuspocus.getDocumentsCount() > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const client of wss.clients) client.terminate();
      await documents.drain();
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
