import type { IncomingMessage } from 'node:http';
import { CloseCode } from '@crm/contracts';
import { Hocuspocus, type onAuthenticatePayload } from '@hocuspocus/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveCredentials } from '../../identity/index.js';
import { maxLongTextLength, type MetadataCache } from '../../metadata/index.js';
import {
  type EventBus,
  type Logger,
  type UserSockets,
  type WebSocketEndpoint,
  type WebSocketLimits,
} from '../../platform/index.js';
import type { RecordAccessViews, RecordHooks, RecordStore } from '../../records/index.js';
import { authorizeDocument, CollabRefusal } from './access.js';
import { DocumentLimits } from './document-limits.js';
import { CollabDocumentStore } from './document-store.js';
import { DraftDocuments, type DraftSource } from './draft-documents.js';
import { FieldDocuments } from './field-documents.js';
import { MembershipWatch } from './membership-watch.js';
import { PresenceStamp } from './presence-stamp.js';
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
  /** Counts the user's sockets over both doors; a socket over the limit is closed. */
  userSockets: UserSockets;
  limits: Pick<
    WebSocketLimits,
    'collabAuthTimeoutMs' | 'collabMaxMessageBytes' | 'collabMaxDocumentBytes' | 'maxSocketsPerUser'
  >;
  /** Share documents with the other processes on this Redis. */
  redisUrl?: string;
  /** Permission profiles: a record out of read scope cannot be opened, out of update scope is read-only. */
  recordAccess?: RecordAccessViews;
  /** Workspaces' metadata by version, shared with the API's other readers. */
  metadataCache: MetadataCache;
  /** Document templates' draft blocks (the documents module): which exist, what a new one reads. */
  drafts: DraftSource;
}

/** `WS /collab`, plus the record-store hooks that bring record writes into open documents. */
export interface CollabEndpoint extends WebSocketEndpoint {
  recordHooks: RecordHooks;
  /** After a privacy erasure: the record's field documents keep none of the erased text. */
  eraseRecordHistory: FieldDocuments['eraseRecordHistory'];
  eraseDraftHistory: DraftDocuments['eraseHistory'];
  /** The drafts' stored text, and a server-side replacement (a reset to the default). */
  drafts: Pick<DraftDocuments, 'read' | 'replace'>;
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
const shutdownWaitMs = 5_000;

export function createCollabEndpoint(deps: CollabDeps): CollabEndpoint {
  const logger = deps.logger.child({ module: 'collab' });
  const documents = new CollabDocumentStore(deps.orm);
  const fanOut = deps.redisUrl ? createRedisFanOut(deps.redisUrl, logger) : undefined;
  const fieldDocuments = new FieldDocuments(
    deps.orm,
    deps.store,
    deps.metadataCache,
    documents,
    logger,
    fanOut,
  );
  const draftDocuments = new DraftDocuments(deps.orm, documents, deps.drafts, logger, fanOut);
  const membershipWatch = new MembershipWatch(deps.events, deps.liveCredentials, () => hocuspocus, logger);
  const { limits } = deps;
  // Order matters: presence and limits decide before field documents and drafts store an update.
  const extensions = [
    ...(fanOut ? [fanOut] : []),
    new PresenceStamp(),
    new DocumentLimits({ maxTextLength: maxLongTextLength, maxDocumentBytes: limits.collabMaxDocumentBytes }),
    fieldDocuments,
    draftDocuments,
    membershipWatch,
  ];
  // The socket of each upgrade request: hooks see the request, the limits act on the socket.
  const socketOf = new WeakMap<IncomingMessage, WebSocket>();
  const authenticated = new WeakSet<WebSocket>();
  const hocuspocus: Hocuspocus = new Hocuspocus({
    name: 'crm-collab',
    quiet: true,
    debounce: storeDebounceMs,
    maxDebounce: storeMaxDebounceMs,
    timeout: pingTimeoutMs,
    extensions,
    async onAuthenticate(payload: onAuthenticatePayload) {
      const { context, readOnly } = await authorizeDocument(deps, payload);
      const socket = socketOf.get(payload.request);
      if (socket && !deps.userSockets.admit(context.userId, socket)) {
        const reason = `Too many connections: at most ${limits.maxSocketsPerUser} per user.`;
        // After the refusal Hocuspocus sends for this document, so the provider hears why.
        setImmediate(() => socket.close(CloseCode.TooManySockets, reason));
        throw new CollabRefusal(reason);
      }
      if (socket) authenticated.add(socket);
      payload.connectionConfig.readOnly = readOnly;
      return context;
    },
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.collabMaxMessageBytes });

  return {
    recordHooks: fieldDocuments.recordHooks,
    eraseRecordHistory: (...args) => fieldDocuments.eraseRecordHistory(...args),
    eraseDraftHistory: (...args) => draftDocuments.eraseHistory(...args),
    drafts: {
      read: (draft) => draftDocuments.read(draft),
      replace: (draft, text) => draftDocuments.replace(draft, text),
    },
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => {
        // `ws` reports a frame over maxPayload or invalid UTF-8 as an error event after closing the
        // socket (MessageTooBig, InvalidMessage); without a listener that event would end the process.
        ws.on('error', (error) => logger.debug({ err: error }, 'collab socket error'));
        socketOf.set(request, ws);
        const authTimer = setTimeout(() => {
          if (!authenticated.has(ws)) {
            ws.close(CloseCode.AuthenticationTimeout, 'No document was authenticated in time.');
          }
        }, limits.collabAuthTimeoutMs);
        ws.once('close', () => clearTimeout(authTimer));
        hocuspocus.handleConnection(ws, request);
      });
    },
    async close() {
      await fieldDocuments.stop();
      // Closing the connections stores each document (projection, compaction) and unloads it.
      hocuspocus.closeConnections();
      for (const client of wss.clients) client.close(CloseCode.GoingAway, 'Server shutting down');
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
