import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { openRawSocket } from './ws.js';

// Hocuspocus providers in Node against the real server's `/collab`, and the few raw
// messages tests send without a provider.

export interface CollabAuth {
  cookie?: string;
  token?: string;
  /** Sent as the upgrade's Origin header, as a browser would. */
  origin?: string;
}

const providers: HocuspocusProvider[] = [];

export const collabUrl = (baseUrl: string) => `${baseUrl.replace(/^http/, 'ws')}/collab`;

/**
 * A provider in Node on its own socket: the `ws` package as WebSocket (Node 20 has none),
 * with the session cookie and Origin, if any, on the upgrade request.
 */
export function connect(baseUrl: string, name: string, auth: CollabAuth, document = new Y.Doc()) {
  const headers: Record<string, string> = {
    ...(auth.cookie ? { cookie: auth.cookie } : {}),
    ...(auth.origin ? { origin: auth.origin } : {}),
  };
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
      // The provider's retry closes a socket still connecting after it took its own handlers
      // off; `ws` then emits an error with no listener, which would crash the test process.
      // The provider sees the failed attempt through its own timeout and retries either way.
      this.on('error', () => undefined);
    }
  }
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: collabUrl(baseUrl),
    WebSocketPolyfill: HeaderWebSocket,
  });
  const provider = new HocuspocusProvider({ websocketProvider, name, token: auth.token ?? null, document });
  provider.attach();
  providers.push(provider);
  return provider;
}

/**
 * Closes the provider and its socket (a provider leaves a socket it was given open). A socket
 * still connecting (a provider reconnecting after a refusal) is closed once it has settled:
 * closing it mid-handshake rejects the provider's retry promise with nobody to catch it.
 */
export function disconnect(provider: HocuspocusProvider): void {
  const index = providers.indexOf(provider);
  if (index >= 0) providers.splice(index, 1);
  provider.destroy();
  const socket = provider.configuration.websocketProvider;
  if (socket.status !== 'connecting') return socket.destroy();
  const settled = () => {
    socket.off('status', settled);
    socket.destroy();
  };
  socket.on('status', settled);
}

/** For afterEach: every provider this module opened. */
export function disconnectAll(): void {
  for (const provider of providers.splice(0)) disconnect(provider);
}

/** Resolves once the provider has the server's document, or rejects with the refusal. */
export function synced(provider: HocuspocusProvider): Promise<void> {
  return new Promise((resolve, reject) => {
    if (provider.isSynced) return resolve();
    provider.on('synced', () => resolve());
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(reason)));
  });
}

export function refused(provider: HocuspocusProvider): Promise<string> {
  return new Promise((resolve, reject) => {
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason));
    provider.on('synced', () => reject(new Error('the document was opened')));
  });
}

/** The close events of the provider's socket, as they come. */
export function closesOf(provider: HocuspocusProvider): { code: number }[] {
  const closes: { code: number }[] = [];
  provider.configuration.websocketProvider.on('close', ({ event }: { event: { code: number } }) =>
    closes.push({ code: event.code }),
  );
  return closes;
}

export const textOf = (provider: HocuspocusProvider) => provider.document.getText('text').toString();
export const allAcknowledged = (provider: HocuspocusProvider) => !provider.hasUnsyncedChanges;

/** lib0's variable-length encoding, for hand-made messages. */
class Frame {
  private readonly bytes: number[] = [];
  varUint(value: number): this {
    let rest = value;
    while (rest > 0x7f) {
      this.bytes.push(0x80 | (rest % 0x80));
      rest = Math.floor(rest / 0x80);
    }
    this.bytes.push(rest);
    return this;
  }
  varString(value: string): this {
    return this.varBytes(new TextEncoder().encode(value));
  }
  varBytes(value: Uint8Array): this {
    this.varUint(value.length);
    this.bytes.push(...value);
    return this;
  }
  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

const messageAwareness = 1;
const messageAuth = 2;

/** A raw `/collab` socket that authenticates one document with a token and sends awareness. */
export async function rawCollabSocket(baseUrl: string, headers: Record<string, string> = {}) {
  const socket = await openRawSocket(collabUrl(baseUrl), headers);
  return {
    socket,
    authenticate(documentName: string, token: string) {
      socket.send(
        new Frame().varString(documentName).varUint(messageAuth).varUint(0).varString(token).toBuffer(),
      );
    },
    /** One awareness update carrying the given clients' states, each with its clock. */
    sendAwareness(
      documentName: string,
      entries: { clientId: number; clock: number; state: Record<string, unknown> | null }[],
    ) {
      const update = new Frame().varUint(entries.length);
      for (const entry of entries) {
        update.varUint(entry.clientId).varUint(entry.clock).varString(JSON.stringify(entry.state));
      }
      socket.send(
        new Frame().varString(documentName).varUint(messageAwareness).varBytes(update.toBuffer()).toBuffer(),
      );
    },
  };
}
