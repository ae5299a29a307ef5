// Apollo: the GraphQL client (HTTP and WebSocket links) every feature queries through,
// sending the selected workspace with each request; useReadAgainOn for feeds that take no cursor.
export { createApolloClient, workspaceHeaderLink } from './client';
export { createCache } from './cache';
export { useReadAgainOn } from './use-read-again';
