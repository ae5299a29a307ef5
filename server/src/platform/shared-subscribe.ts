import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';

/**
 * Subscription execution shared between subscribers: for one event, one operation
 * (document and variables) and one permission scope, the result is computed once
 * and handed to every socket in that scope, instead of once per socket.
 */
export function sharedSubscribe(scopeOf: (contextValue: unknown) => string | undefined) {
  const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const scope = scopeOf(args.contextValue);
    const key =
      scope &&
      `${scope}|${args.operationName ?? ''}|${print(args.document)}|${JSON.stringify(args.variableValues ?? {})}`;
    const run = (payload: unknown) => Promise.resolve(execute({ ...args, rootValue: payload }));
    return mapAsyncIterable(source, (payload) => {
      if (!key || typeof payload !== 'object' || payload === null) return run(payload);
      let perEvent = results.get(payload);
      if (!perEvent) results.set(payload, (perEvent = new Map()));
      let result = perEvent.get(key);
      if (!result) perEvent.set(key, (result = run(payload)));
      return result;
    });
  };
}

/** Like graphql-js's internal one: `return()` reaches the source at once, even mid-wait. */
function mapAsyncIterable<T, U>(
  source: AsyncIterable<T>,
  map: (value: T) => Promise<U>,
): AsyncIterableIterator<U> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    async next() {
      const next = await iterator.next();
      return next.done ? { value: undefined, done: true } : { value: await map(next.value), done: false };
    },
    async return() {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
