// Apollo: the GraphQL client (HTTP and WebSocket links) every feature queries through,
// sending the selected workspace with each request.
export { createApolloClient, onSocketReconnected, workspaceHeaderLink } from './client';
export { createCache } from './cache';
export { useReadAgainOn } from './use-read-again';
