// Apollo: the GraphQL client (HTTP and WebSocket links) every feature queries through,
// sending the selected workspace with each request; useReadAgainOn for feeds that take no cursor;
// keepPushed and withPushed for lists read once and kept live by pushes of their items.
export { createApolloClient, workspaceHeaderLink } from './client';
export { createCache } from './cache';
export { useReadAgainOn } from './use-read-again';
export { keepPushed, withPushed, type Progress, type PushedItem } from './pushed-list';
