import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from '@crm/contracts';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { findInvalidVariable } from './text-input.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { LimitExceeded } from './errors.js';
import { OperationGate } from './operation-gate.js';
import { sharedSubscribe } from './shared-subscribe.js';
import { SharedPayloads } from './shared-payloads.js';

export interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
}

export type SocketContext = Context<Record<string, unknown> | undefined, SocketExtra>;

export interface GraphQLWsOptions<TContext> {
  /**
   * Resolves one operation: its context (authenticated per operation) and the schema
   * that context sees. Called once per subscribe message. A GraphQLError it throws
   * (an AppError) is the operation's answer; anything else is an internal error.
   */
  prepare: (ctx: SocketContext) => Promise<{ context: TContext; schema: GraphQLSchema }>;
  /** Refuse the connection by closing it with a code and reason; resolve to accept. */
  onConnect: (ctx: SocketContext) => Promise<void>;
  validationRules: readonly ValidationRule[];
  /** Checks that need the variables' values (cost, input depth); an error refuses the operation unrun. */
  guard: (operation: {
    schema: GraphQLSchema;
    document: ExecutionArgs['document'];
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
  }) => GraphQLError | null;
  maxTokens: number;
  /** Operations one socket may have running at once (subscriptions, and queries in flight). */
  maxOperationsPerSocket: number;
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  /** Subscribers whose contexts share a scope (workspace and role) share each event's execution. */
  scopeOf: (context: TContext) => string | undefined;
  /** Per root subscription field, the arguments only its `subscribe` reads (see sharedSubscribe). */
  subscribeOnlyArguments?: Readonly<Record<string, readonly string[]>>;
}

export interface WebSocketEndpoint {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** graphql-ws on a WebSocketServer that the HTTP server's upgrade router feeds. */
export function createGraphQLWsEndpoint<TContext>(options: GraphQLWsOptions<TContext>): WebSocketEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const gate = new OperationGate();
  const payloads = new SharedPayloads();
  // One instance for every refusal: a flood of subscribe messages costs no stack trace each.
  const overLimit = new LimitExceeded(
    'WS_MAX_SUBSCRIPTIONS_PER_SOCKET',
    options.maxOperationsPerSocket,
    `This connection already has ${options.maxOperationsPerSocket} subscriptions; end one first or open another connection.`,
  );
  const server = useServer<
    Record<string, unknown> | undefined,
    Omit<SocketExtra, 'socket'> & { socket: WebSocket }
  >(
    {
      onConnect: async (ctx) => {
        await options.onConnect(ctx as SocketContext);
        return ctx.extra.socket.readyState === ctx.extra.socket.OPEN;
      },
      // Everything that can refuse an operation happens here, so a refusal is an `error`
      // message with a code: graphql-ws turns an exception from its own parse or schema
      // step into close code 4500 and a stack on stderr.
      onSubscribe: async (ctx, id, payload) => {
        // graphql-ws has already reserved this operation's slot: it is counted.
        if (Object.keys(ctx.subscriptions).length > options.maxOperationsPerSocket) return [overLimit];
        // The same refusal as over HTTP for text PostgreSQL cannot hold (literals: a validation rule).
        const invalidText = findInvalidVariable(payload.variables);
        if (invalidText) return [invalidText];
        // Released by onOperation once the operation runs, or by onError when it is refused.
        await gate.acquire(ctx, id);
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: options.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError) return [coded(error, 'GRAPHQL_PARSE_FAILED')];
          gate.release(ctx, id);
          throw error;
        }
        let prepared: Awaited<ReturnType<typeof options.prepare>>;
        try {
          prepared = await options.prepare(ctx as SocketContext);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          gate.release(ctx, id);
          throw error;
        }
        const errors = validate(prepared.schema, document, [...specifiedRules, ...options.validationRules]);
        if (errors.length) return errors.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
        // Cost and input depth need the variables: judged before graphql-js coerces them.
        const refusal = options.guard({
          schema: prepared.schema,
          document,
          operationName: payload.operationName,
          variables: payload.variables,
        });
        if (refusal) return [refusal];
        return {
          schema: prepared.schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: prepared.context,
        };
      },
      subscribe: sharedSubscribe({
        scopeOf: (context) => options.scopeOf(context as TContext),
        subscribeOnlyArguments: options.subscribeOnlyArguments,
      }),
      onOperation: (ctx, id) => gate.release(ctx, id),
      onError: (ctx, id, _payload, errors) => {
        gate.release(ctx, id);
        return options.formatErrors(errors);
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: options.formatErrors(result.errors) }
          : (payloads.payloadOf(result) as ExecutionResult),
    },
    wss,
  );
  return {
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => {
        coalesceFrames(ws, socket, payloads);
        wss.emit('connection', ws, request);
      });
    },
    async close() {
      for (const client of wss.clients) client.close(CloseCode.GoingAway, 'Server shutting down');
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * The frames a socket sends in one run of the microtask queue (an event delivered to its
 * subscriptions on this socket) leave in two writes, not one each: the first goes at once,
 * then the socket is corked until the next tick, which runs as soon as that queue is empty.
 * A socket with one subscription is never held back; corking to the end of the event loop's
 * turn was tried and added latency. Each frame gets its shared payload's text here (SharedPayloads).
 */
function coalesceFrames(ws: WebSocket, socket: Duplex, payloads: SharedPayloads): void {
  const send = ws.send.bind(ws);
  let sending = false;
  let corked = false;
  const flush = () => {
    sending = false;
    if (corked) {
      corked = false;
      socket.uncork();
    }
  };
  ws.send = ((data: Parameters<typeof send>[0], ...rest: unknown[]) => {
    if (!sending) {
      sending = true;
      process.nextTick(flush);
    } else if (!corked) {
      corked = true;
      socket.cork();
    }
    (send as (...args: unknown[]) => void)(payloads.restore(data), ...rest);
  }) as typeof ws.send;
}

/** graphql-js leaves parse and validation errors without a code; Apollo adds these on HTTP. */
function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

export interface UpgradeOptions {
  /** Judged before the endpoint sees the request (and its cookie); false answers 403. */
  allowUpgrade: (request: IncomingMessage) => boolean;
}

export function attachUpgradeRouter(
  httpServer: HttpServer,
  routes: Record<string, WebSocketEndpoint>,
  { allowUpgrade }: UpgradeOptions,
): void {
  httpServer.on('upgrade', (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const endpoint = routes[pathname];
    if (!endpoint) return socket.destroy();
    if (!allowUpgrade(request)) return forbidUpgrade(socket, 'Forbidden: this origin may not connect.');
    endpoint.handleUpgrade(request, socket, head);
  });
}

function forbidUpgrade(socket: Duplex, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
