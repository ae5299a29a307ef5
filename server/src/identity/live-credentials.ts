import { onEachEvent, type EventBus, type Logger } from '../platform/index.js';
import type { Caller } from './context.js';

/**
 * Long-lived sockets (graphql-ws, /collab) are authenticated when they open. When the
 * session behind one is signed out or its API token revoked — on any process, through
 * the event bus — this closes it, so a stolen cookie or a leaked token stops working
 * on live connections too, not only on the next request.
 */
export class LiveCredentials {
  private readonly sockets = new Map<string, Set<() => void>>();
  private stop: (() => Promise<unknown>) | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  /** Calls `close` when the caller's session or token is revoked; returns the way to forget it. */
  track(caller: Caller, close: () => void): () => void {
    const key = keyOf(caller);
    if (!key) return () => undefined;
    this.listen();
    const closers = this.sockets.get(key) ?? new Set();
    closers.add(close);
    this.sockets.set(key, closers);
    return () => {
      closers.delete(close);
      if (closers.size === 0 && this.sockets.get(key) === closers) this.sockets.delete(key);
    };
  }

  async close(): Promise<void> {
    const stop = this.stop;
    this.stop = undefined;
    this.sockets.clear();
    await stop?.();
  }

  private listen(): void {
    if (this.stop) return;
    this.stop = onEachEvent(
      this.bus.subscribe('identity.revoked', 'credentials'),
      ({ sessionId, tokenId }) => {
        for (const key of [sessionId && `session:${sessionId}`, tokenId && `token:${tokenId}`]) {
          const closers = key ? this.sockets.get(key) : undefined;
          if (!closers) continue;
          this.sockets.delete(key as string);
          for (const close of closers) close();
        }
      },
      (error) => this.logger.error({ err: error }, 'credential revocation listener failed'),
    );
  }
}

function keyOf(caller: Caller): string | undefined {
  if (caller.sessionId) return `session:${caller.sessionId}`;
  if (caller.tokenId) return `token:${caller.tokenId}`;
  return undefined;
}
