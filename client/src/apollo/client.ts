import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  split,
  type NormalizedCacheObject,
  type Operation,
} from '@apollo/client/core';
import { onError } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { CloseCode } from '@crm/contracts';
import { createClient } from 'graphql-ws';
import { createCache } from './cache';

export type WorkspaceIdSource = () => string | null;

/**
 * Queries and mutations go over HTTP, subscriptions over graphql-ws; the HTTP-only
 * session cookie authenticates both, so no credential is ever held in JavaScript.
 */
export function createApolloClient(
  workspaceId: WorkspaceIdSource,
  options: { onTwoFactorRequired?: () => void } = {},
): ApolloClient<NormalizedCacheObject> {
  // A workspace that requires two-factor sign-in refuses its data until the user sets it up.
  const twoFactorLink = onError(({ graphQLErrors }) => {
    if (graphQLErrors?.some((error) => error.extensions?.code === 'TWO_FACTOR_REQUIRED'))
      options.onTwoFactorRequired?.();
  });
  const http = ApolloLink.from([
    twoFactorLink,
    workspaceHeaderLink(workspaceId),
    new HttpLink({ uri: '/graphql', credentials: 'include' }),
  ]);
  const socket = createClient({
    url: graphqlSocketUrl(window.location),
    lazy: true,
    shouldRetry: shouldReconnect,
    connectionParams: () => {
      const id = workspaceId();
      return id ? { workspaceId: id } : {};
    },
  });
  const client = new ApolloClient({
    link: split(isSubscription, new GraphQLWsLink(socket), http),
    cache: createCache(),
  });
  // The socket is authenticated once, when it connects: reconnect it whenever the
  // session or the workspace changes (both reset or clear the store).
  const reconnect = async () => socket.terminate();
  client.onResetStore(reconnect);
  client.onClearStore(reconnect);
  // Pushes sent while the socket was down are not lost: a live view subscribes from the
  // `changeCursor` read with its data, and graphql-ws subscribes again with it (docs/api.md).
  // Feeds that take no cursor read again instead (onSocketReconnected).
  socket.on('connected', (_socket, _payload, wasRetry) => {
    if (wasRetry) for (const listener of [...listenersOf(client)]) listener();
  });
  return client;
}

const reconnectListeners = new WeakMap<object, Set<() => void>>();

function listenersOf(client: object): Set<() => void> {
  let listeners = reconnectListeners.get(client);
  if (!listeners) reconnectListeners.set(client, (listeners = new Set()));
  return listeners;
}

/**
 * Calls `listener` each time the client's socket connects again after a drop (a lost network, a
 * laptop waking, a restarted server); answers the function that stops it. For views kept by a
 * subscription that cannot resume from a cursor (metadata, saved views): what was pushed while
 * the socket was down is gone, so they read their data again.
 */
export function onSocketReconnected(client: object, listener: () => void): () => void {
  const listeners = listenersOf(client);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * graphql-ws retries a closed socket with backoff, which cannot help after these codes: the
 * user has to sign in again or close another tab first (docs/security.md, Close codes).
 */
const waitForTheUser: ReadonlySet<number> = new Set([CloseCode.Unauthenticated, CloseCode.TooManySockets]);

export function shouldReconnect(closed: unknown): boolean {
  return (
    typeof closed === 'object' &&
    closed !== null &&
    'code' in closed &&
    !waitForTheUser.has(Number(closed.code))
  );
}

/** Sends the selected workspace as `x-workspace-id`; without it the server picks the first one. */
export function workspaceHeaderLink(workspaceId: WorkspaceIdSource): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const id = workspaceId();
    if (id) {
      operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
        headers: { ...headers, 'x-workspace-id': id },
      }));
    }
    return forward(operation);
  });
}

export function graphqlSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

function isSubscription({ query }: Operation): boolean {
  const definition = getMainDefinition(query);
  return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
}
