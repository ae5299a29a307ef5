import {
  createSourceEventStream,
  execute,
  Kind,
  print,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';

export interface SharedSubscribeOptions {
  /** The permission scope of a socket's context (undefined: never shared). */
  scopeOf: (contextValue: unknown) => string | undefined;
  /**
   * Arguments of root subscription fields that only the field's `subscribe` reads (a resume
   * point, say) and its resolver ignores: operations that differ only in them share a result.
   */
  subscribeOnlyArguments?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Subscription execution shared between subscribers: for one event, one operation
 * (document and variables) and one permission scope, the result is computed once
 * and handed to every socket in that scope, instead of once per socket.
 */
export function sharedSubscribe({ scopeOf, subscribeOnlyArguments = {} }: SharedSubscribeOptions) {
  const results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  const subscribeOnly = new WeakMap<DocumentNode, ReadonlySet<string>>();
  const variablesOfKey = (args: ExecutionArgs) => {
    let skipped = subscribeOnly.get(args.document);
    if (!skipped)
      subscribeOnly.set(
        args.document,
        (skipped = subscribeOnlyVariables(args.document, subscribeOnlyArguments)),
      );
    const values = args.variableValues ?? {};
    return skipped.size
      ? Object.fromEntries(Object.entries(values).filter(([name]) => !skipped.has(name)))
      : values;
  };
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const scope = scopeOf(args.contextValue);
    const key =
      scope &&
      `${scope}|${args.operationName ?? ''}|${print(args.document)}|${JSON.stringify(variablesOfKey(args))}`;
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

/**
 * The variables used nowhere but as subscribe-only arguments of root fields (fragments are
 * not looked into: a variable used there stays in the key).
 */
function subscribeOnlyVariables(
  document: DocumentNode,
  subscribeOnlyArguments: Readonly<Record<string, readonly string[]>>,
): ReadonlySet<string> {
  const onlyThere = new Map<string, number>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const names = subscribeOnlyArguments[selection.name.value] ?? [];
      for (const argument of selection.arguments ?? [])
        if (names.includes(argument.name.value) && argument.value.kind === Kind.VARIABLE) {
          const name = argument.value.name.value;
          onlyThere.set(name, (onlyThere.get(name) ?? 0) + 1);
        }
    }
  }
  if (!onlyThere.size) return new Set();
  const uses = new Map<string, number>();
  visit(document, {
    VariableDefinition: () => false,
    Variable: (node) => {
      uses.set(node.name.value, (uses.get(node.name.value) ?? 0) + 1);
    },
  });
  return new Set([...onlyThere].filter(([name, count]) => uses.get(name) === count).map(([name]) => name));
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
