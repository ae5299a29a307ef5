import { ApolloClient, ApolloLink, Observable, type FetchResult, type Operation } from '@apollo/client/core';

import { createCache } from '../apollo';

export type FakeResponder = (operation: Operation) => FetchResult;

/** An ApolloClient whose link answers from `respond`, with no network; `operations` records every request. */
export function createFakeApollo(respond: FakeResponder, before?: ApolloLink) {
  const operations: Operation[] = [];
  const answer = new ApolloLink(
    (operation) =>
      new Observable<FetchResult>((observer) => {
        operations.push(operation);
        // Answer asynchronously, as a server would.
        queueMicrotask(() => {
          observer.next(respond(operation));
          observer.complete();
        });
      }),
  );
  const link = before ? before.concat(answer) : answer;
  return { client: new ApolloClient({ link, cache: createCache() }), operations };
}

export const signedOut: FetchResult = { data: { me: null } };

export function graphQLError(message: string, extensions: Record<string, unknown>): FetchResult {
  return { errors: [{ message, extensions }] };
}
