import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  parse,
  specifiedRules,
  validate,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { sharedSubscribe } from './shared-subscribe.js';
import { findInvalidVariable } from './text-input.js';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
}

export type SocketContext = Context<Record<string, unknown> | undefined, SocketExtra>;

export interface GraphQLWsOptions<TContext> {
  /**
   * Resolves one operation: its context (authenticated per operation) and the schema
   * that context sees. Called once per subscribe message.
   */
  prepare: (ctx: SocketContext) => Promise<{ context: TContext; schema: GraphQLSchema }>;
  /** Refuse the connection by closing it with a code and reason; resolve to accept. */
  onConnect: (ctx: SocketContext) => Promise<void>;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  /** Subscribers whose contexts share a scope (workspace and role) share each event's execution. */
  scopeOf: (context: TContext) => string | undefined;
}

export interface WebSocketEndpoint {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** graphql-ws on a WebSocketServer that the HTTP server's upgrade router feeds. */
export function createGraphQLWsEndpoint<TContext>(options: GraphQLWsOptions<TContext>): WebSocketEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  // graphql-ws asks for the schema before the context; both come from one authentication,
  // kept per connection (gone with it) until the context is asked for.
  const pending = new WeakMap<object, Map<string, TContext>>();
  const pendingOf = (ctx: object) => pending.get(ctx) ?? pending.set(ctx, new Map()).get(ctx)!;
  const server = useServer<
    Record<string, unknown> | undefined,
    Omit<SocketExtra, 'socket'> & { socket: WebSocket }
  >(
    {
      schema: async (ctx, id) => {
        const prepared = await options.prepare(ctx as SocketContext);
        pendingOf(ctx).set(id, prepared.context);
        return prepared.schema;
      },
      context: (ctx, id) => {
        const context = pendingOf(ctx).get(id);
        pendingOf(ctx).delete(id);
        return context as never;
      },
      onConnect: async (ctx) => {
        await options.onConnect(ctx as SocketContext);
        return ctx.extra.socket.readyState === ctx.extra.socket.OPEN;
      },
      // The same refusal as over HTTP for text PostgreSQL cannot hold (literals: a validation rule).
      onSubscribe: (_ctx, _id, payload) => {
        const error = findInvalidVariable(payload.variables);
        return error ? [error] : undefined;
      },
      parse: (source) => parse(source, { maxTokens: options.maxTokens }),
      subscribe: sharedSubscribe((context) => options.scopeOf(context as TContext)),
      validate: (schema, document) =>
        validate(schema, document, [...specifiedRules, ...options.validationRules]),
      onError: (_ctx, _id, _payload, errors) => options.formatErrors(errors),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: options.formatErrors(result.errors) } : undefined,
    },
    wss,
  );
  return {
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    async close() {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export function attachUpgradeRouter(httpServer: HttpServer, routes: Record<string, WebSocketEndpoint>): void {
  httpServer.on('upgrade', (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const endpoint = routes[pathname];
    if (endpoint) endpoint.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
}
