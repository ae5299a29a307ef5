import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter, on } from 'node:events';
import {
  GraphQLError,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachUpgradeRouter, createGraphQLWsEndpoint, type WebSocketEndpoint } from './graphql-ws.js';

/** Counts how often a result's payload is written as JSON: its value's `toJSON` runs each time. */
let serialised = 0;
const Counted = new GraphQLScalarType({
  name: 'Counted',
  serialize: (value) => ({ value, toJSON: () => (serialised++, value) }),
});

const events = new EventEmitter();
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      changed: {
        type: new GraphQLObjectType({
          name: 'Changed',
          fields: {
            name: { type: Counted },
            scaled: {
              type: GraphQLInt,
              args: { times: { type: new GraphQLNonNull(GraphQLInt) } },
              resolve: (event: { n: number }, { times }: { times: number }) => event.n * times,
            },
            broken: {
              type: GraphQLString,
              resolve: () => {
                throw new GraphQLError('broken on purpose', { extensions: { code: 'BROKEN' } });
              },
            },
          },
        }),
        subscribe: async function* () {
          for await (const [event] of on(events, 'event')) yield event as object;
        },
        resolve: (event: object) => event,
      },
    },
  }),
});

let http: Server;
let endpoint: WebSocketEndpoint;
let client: Client;

beforeAll(async () => {
  endpoint = createGraphQLWsEndpoint({
    prepare: async () => ({ context: {}, schema }),
    onConnect: async () => undefined,
    validationRules: [],
    guard: () => null,
    maxTokens: 1_000,
    maxOperationsPerSocket: 50,
    formatErrors: (errors) => errors.map((error) => ({ message: `formatted: ${error.message}` })),
    scopeOf: () => 'one audience',
  });
  http = createServer();
  attachUpgradeRouter(http, { '/graphql': endpoint }, { allowUpgrade: () => true });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
});

afterAll(async () => {
  await client?.dispose();
  await endpoint?.close();
  await new Promise((resolve) => http?.close(resolve));
});

/** Emits until every subscription has seen an event: graphql-ws does not acknowledge a subscribe. */
async function emitUntilLive(live: () => boolean) {
  for (let n = 0; !live(); n++) {
    events.emit('event', { name: `probe ${n}`, n: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a shared result sent to many subscriptions on one socket', () => {
  it('is written as JSON once, and each subscription gets it under its own id', async () => {
    const query = 'subscription ($times: Int!) { changed { name scaled(times: $times) } }';
    const seen: unknown[][] = [[], [], [], []];
    const stops = [1, 1, 1, 10].map((times, i) =>
      client.subscribe(
        { query, variables: { times } },
        { next: (result) => void seen[i]!.push(result), error: () => undefined, complete: () => undefined },
      ),
    );
    await emitUntilLive(() => seen.every((s) => s.length > 0));
    const before = seen.map((s) => s.length);
    serialised = 0;
    events.emit('event', { name: 'Harbour View', n: 7 });
    await expect.poll(() => seen.every((s, i) => s.length > before[i]!), { timeout: 10_000 }).toBe(true);

    // Three subscriptions ask the same question (one result), the fourth another.
    expect(serialised).toBe(2);
    for (const [i, times] of [1, 1, 1, 10].entries())
      expect(seen[i]!.at(-1)).toEqual({ data: { changed: { name: 'Harbour View', scaled: 7 * times } } });
    for (const stop of stops) stop();
  });

  it('still formats the errors of a result that has them', async () => {
    const seen: unknown[] = [];
    const stop = client.subscribe(
      { query: 'subscription { changed { name broken } }' },
      { next: (result) => void seen.push(result), error: () => undefined, complete: () => undefined },
    );
    await emitUntilLive(() => seen.length > 0);
    stop();
    expect(seen[0]).toMatchObject({
      data: { changed: { broken: null } },
      errors: [{ message: 'formatted: broken on purpose' }],
    });
  });
});
