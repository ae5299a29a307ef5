import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Histogram } from './histogram.js';
import { SequenceDigest } from './sequence.js';

/** What a subscriber listens to: every object's changes, or one object's. */
export type Watch = { object?: string };

const subscription = /* GraphQL */ `
  subscription ($object: String, $after: String) {
    recordChanged(object: $object, after: $after) {
      changeId
      at
    }
  }
`;

/** One `recordChanged` subscription and what it received. */
export class Subscriber {
  readonly digest = new SequenceDigest();
  duplicates = 0;
  outOfOrder = 0;
  errors: string[] = [];
  last: bigint;

  constructor(
    /** Index of its workspace in the run. */
    readonly workspace: number,
    readonly watch: Watch,
    startAfter: bigint,
    private readonly latencies: Histogram,
  ) {
    this.last = startAfter;
  }

  receive(changeId: string, at: string): void {
    const id = BigInt(changeId);
    if (id === this.last || this.digest.has(id)) this.duplicates++;
    else if (id < this.last) this.outOfOrder++;
    else {
      this.digest.add(id);
      this.last = id;
    }
    this.latencies.record(Date.now() - Date.parse(at));
  }
}

export interface Reconnect {
  closedAt: number;
  code: number;
  resumedAt?: number;
}

/**
 * One graphql-ws socket holding several subscriptions. When the socket closes (its server
 * died), a new socket goes through the proxy to whichever server answers, and each
 * subscription resumes with `after` = the last change id it saw: the client's own
 * retry would resend the original `after` and so receive changes twice.
 */
export class SubscriberSocket {
  readonly reconnects: Reconnect[] = [];
  private client?: Client;
  private stopped = false;

  constructor(
    private readonly wsUrl: string,
    private readonly cookie: string,
    private readonly workspaceId: string,
    readonly subscribers: Subscriber[],
  ) {}

  /** Resolves once the socket is acknowledged and its subscriptions are sent. */
  open(): Promise<void> {
    const headers = { cookie: this.cookie };
    class CookieWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers });
        // Closing a socket that is still connecting emits an error the client already handles by its close.
        this.on('error', () => undefined);
      }
    }
    let wasAcknowledged = false;
    let acknowledged!: () => void;
    let refused!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => ((acknowledged = resolve), (refused = reject)));
    const client = createClient({
      url: this.wsUrl,
      webSocketImpl: CookieWebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { workspaceId: this.workspaceId },
      onNonLazyError: () => undefined,
      on: {
        connected: () => {
          wasAcknowledged = true;
          acknowledged();
        },
        closed: (event) => {
          const code = (event as { code?: number }).code ?? 0;
          // Before the acknowledgement the caller retries; after it, the socket resumes here.
          if (!wasAcknowledged)
            return refused(new Error(`socket closed before it was acknowledged (${code})`));
          if (this.client === client && !this.stopped) void this.reopen(code);
        },
      },
    });
    this.client = client;
    for (const subscriber of this.subscribers) {
      client.subscribe<{ recordChanged: { changeId: string; at: string } }>(
        {
          query: subscription,
          variables: { object: subscriber.watch.object, after: String(subscriber.last) },
        },
        {
          next: (result) => {
            if (result.errors?.length) subscriber.errors.push(JSON.stringify(result.errors));
            const event = result.data?.recordChanged;
            if (event) subscriber.receive(event.changeId, event.at);
          },
          // A closed socket errors every sink; reopen() resumes them. Anything else is a failure.
          error: (error) => {
            if (this.client === client && !isCloseEvent(error)) subscriber.errors.push(JSON.stringify(error));
          },
          complete: () => {
            if (this.client === client && !this.stopped) subscriber.errors.push('completed by the server');
          },
        },
      );
    }
    return ready;
  }

  close(): void {
    this.stopped = true;
    void this.client?.dispose();
  }

  private async reopen(code: number): Promise<void> {
    const reconnect: Reconnect = { closedAt: Date.now(), code };
    this.reconnects.push(reconnect);
    for (let attempt = 0; !this.stopped; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 1000)));
      try {
        await this.open();
        reconnect.resumedAt = Date.now();
        return;
      } catch {
        // The proxy may still pick the dead server once; try again.
        void this.client?.dispose();
      }
    }
  }
}

function isCloseEvent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && 'reason' in error;
}
