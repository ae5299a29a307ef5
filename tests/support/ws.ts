import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestServer } from './server.js';

export interface SocketOptions {
  cookie?: string;
  token?: string;
  workspaceId?: string;
}

export interface SocketClient {
  client: Client;
  /** Resolves with the close event when the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
}

/** A graphql-ws client; a cookie goes on the upgrade request, a token in connection_init. */
export function newSocketClient(server: TestServer, options: SocketOptions = {}): SocketClient {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const headers: Record<string, string> = options.cookie ? { cookie: options.cookie } : {};
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const client = createClient({
    url: server.wsUrl,
    webSocketImpl: CookieWebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: () => ({
      ...(options.token ? { token: options.token } : {}),
      ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}),
    }),
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
    onNonLazyError: () => undefined,
  });
  return { client, closed };
}

/** Collects the results of a subscription until `stop` is called. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: {
    data?: T | null;
    errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  }[] = [];
  let error: unknown;
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => void results.push(result as never),
      error: (e) => (error = e),
      complete: () => undefined,
    },
  );
  return { results, stop, error: () => error };
}

/** Polls until `predicate` holds, for events that arrive asynchronously. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
