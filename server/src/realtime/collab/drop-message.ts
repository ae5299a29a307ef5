/**
 * What a `beforeHandleMessage` hook returns to drop the message: Hocuspocus applies a
 * message only once every such hook has resolved. A rejection would drop it too, but
 * Hocuspocus prints every rejection with its stack to stderr and closes only the
 * document, so the hooks close the socket themselves and return this instead.
 */
export function dropMessage(): Promise<never> {
  return new Promise<never>(() => undefined);
}
