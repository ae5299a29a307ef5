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

type GraphQLErrorShape = { message: string; extensions?: Record<string, unknown> };

/**
 * The first GraphQL error of a subscription `collect` started: in a result (an error of its
 * execution) or as the socket's error message (one of its start, such as a refused argument).
 */
export async function subscriptionError(
  subscription: ReturnType<typeof collect>,
): Promise<GraphQLErrorShape | undefined> {
  await eventually(() => subscription.results.length > 0 || subscription.error() !== undefined);
  return (
    subscription.results[0]?.errors?.[0] ?? (subscription.error() as GraphQLErrorShape[] | undefined)?.[0]
  );
}

/**
 * Polls until `predicate` holds, for events that arrive asynchronously. The default deadline
 * is generous: a test must pass on a busy machine, and speed is measured in benchmarks.
 */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A raw WebSocket, open; rejects with the HTTP status when the upgrade is refused. */
export function openRawSocket(url: string, headers: Record<string, string> = {}, protocol?: string) {
  return new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url, protocol ? [protocol] : [], { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) =>
      reject(new UpgradeRefused(response.statusCode ?? 0)),
    );
    socket.once('error', reject);
  });
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

/** Resolves with the close code and reason of a socket (at once if it is already closed). */
export function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

export interface GraphQLWsMessage {
  type: string;
  id?: string;
  payload?: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  } & Record<string, unknown>;
}

/**
 * The graphql-transport-ws protocol spoken by hand, for what a well-behaved client would
 * never send (a thousand subscriptions at once): every message received is kept.
 */
export async function rawGraphQLSocket(server: TestServer, headers: Record<string, string>) {
  const socket = await openRawSocket(server.wsUrl, headers, 'graphql-transport-ws');
  const received: GraphQLWsMessage[] = [];
  const closed = closeOf(socket);
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as GraphQLWsMessage));
  const send = (message: Record<string, unknown>) => socket.send(JSON.stringify(message));
  return {
    socket,
    received,
    closed,
    send,
    /** Sends connection_init and waits for the acknowledgement. */
    async init(payload: Record<string, unknown> = {}) {
      send({ type: 'connection_init', payload });
      await eventually(() => received.some((m) => m.type === 'connection_ack'), 10_000);
    },
    subscribe(id: string, query: string, variables: Record<string, unknown> = {}) {
      send({ type: 'subscribe', id, payload: { query, variables } });
    },
    /** The messages received for one operation. */
    of(id: string) {
      return received.filter((m) => m.id === id);
    },
  };
}
