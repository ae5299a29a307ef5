import { InMemoryCache } from '@apollo/client/core';

/**
 * The client's cache. A `changeCursor` belongs to the read it was taken with: a live view
 * subscribes from the cursor read beside its data, and the field has no arguments to tell two
 * reads apart. So an aliased one (`inboxCursor: changeCursor`) is kept under its alias and the
 * query's variables, and one view's read never moves another view's cursor. Unaliased, it is one
 * shared value: fine for the views that take it from their own query's answer at once.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          changeCursor: {
            keyArgs: (_args, { field, variables }) =>
              field?.alias
                ? `changeCursor:${field.alias.value}:${JSON.stringify(variables ?? {})}`
                : undefined,
          },
        },
      },
    },
  });
}
