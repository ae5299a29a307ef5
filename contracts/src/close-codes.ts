/**
 * Every WebSocket close code the server sends, on `/graphql` (graphql-ws) and `/collab`
 * (Hocuspocus); the server closes with these and the client reads them, never bare numbers.
 * docs/security.md lists them with what the client should do.
 */
export const CloseCode = {
  /** The server is shutting down; reconnect to another process or later. */
  GoingAway: 1001,
  /** A message that could not be read (sent by `ws` for invalid UTF-8, by `/collab` for bad framing). */
  InvalidMessage: 1007,
  /** A frame larger than the endpoint accepts (sent by `ws` itself). */
  MessageTooBig: 1009,
  /** No credentials, an expired session, or a session or token revoked while open. */
  Unauthenticated: 4401,
  /** Not a member of the workspace asked for, or the membership was removed or changed. */
  Forbidden: 4403,
  /** `/collab`: no document was authenticated in time after the socket opened. */
  AuthenticationTimeout: 4408,
  /** `/collab`: an update would make the document larger than its field or the store holds. */
  DocumentTooLarge: 4413,
  /** `/collab`: an update changes something other than the document's text. */
  UnsupportedContent: 4422,
  /** The user has as many sockets open on this process as allowed. */
  TooManySockets: 4429,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
