import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** One person typing into one note's body, through the proxy, on their own socket. */
export class CoEditor {
  readonly provider: HocuspocusProvider;
  edits = 0;
  /** Each time its socket dropped: when, and when the document was synced again. */
  readonly reconnects: { closedAt: number; resumedAt?: number }[] = [];
  private timer?: NodeJS.Timeout;
  private closing = false;

  constructor(
    readonly documentName: string,
    proxyUrl: string,
    cookie: string,
  ) {
    const headers = { cookie };
    class CookieWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers });
        // Closing a socket that is still connecting emits an error the client already handles by its close.
        this.on('error', () => undefined);
      }
    }
    const websocketProvider = new HocuspocusProviderWebsocket({
      url: `${proxyUrl.replace(/^http/, 'ws')}/collab`,
      WebSocketPolyfill: CookieWebSocket,
      // Reconnect quickly and for ever: a server is killed during the run.
      delay: 100,
      minDelay: 100,
      maxDelay: 1000,
      factor: 1.5,
      maxAttempts: 0,
    });
    this.provider = new HocuspocusProvider({ websocketProvider, name: documentName, document: new Y.Doc() });
    this.provider.attach();
    this.provider.on('status', ({ status }: { status: string }) => {
      const open = this.reconnects.at(-1);
      if (status === 'disconnected' && !this.closing && (!open || open.resumedAt))
        this.reconnects.push({ closedAt: Date.now() });
    });
    this.provider.on('synced', ({ state }: { state: boolean }) => {
      const open = this.reconnects.at(-1);
      if (state && open && !open.resumedAt) open.resumedAt = Date.now();
    });
  }

  get text(): string {
    return this.provider.document.getText('text').toString();
  }

  synced(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.provider.isSynced) return resolve();
      this.provider.on('synced', () => resolve());
      this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(reason)));
    });
  }

  /** Types a few characters at a random place every `intervalMs` (jittered, so editors interleave). */
  startTyping(intervalMs: number, tag: string): void {
    const type = () => {
      const text = this.provider.document.getText('text');
      text.insert(Math.floor(Math.random() * (text.length + 1)), `${tag}${this.edits++ % 10}`);
      this.timer = setTimeout(type, intervalMs * (0.5 + Math.random()));
    };
    this.timer = setTimeout(type, Math.random() * intervalMs);
  }

  stopTyping(): void {
    clearTimeout(this.timer);
  }

  /** Connected, synced and nothing of its own left unacknowledged. */
  get settled(): boolean {
    return this.provider.isSynced && !this.provider.hasUnsyncedChanges;
  }

  close(): void {
    this.closing = true;
    this.stopTyping();
    this.provider.destroy();
    this.provider.configuration.websocketProvider.destroy();
  }
}
