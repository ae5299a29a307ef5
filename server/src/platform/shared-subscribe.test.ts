import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { sharedSubscribe } from './shared-subscribe.js';

function schemaCounting(calls: { n: number }, events: () => AsyncIterable<object>) {
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        changed: {
          type: GraphQLString,
          subscribe: events,
          resolve: (event: { name: string }) => {
            calls.n += 1;
            return event.name;
          },
        },
      },
    }),
  });
}

/** Every subscriber receives the same event objects, as the change feed delivers them. */
function broadcast(events: object[]) {
  return () =>
    (async function* () {
      for (const event of events) yield event;
    })();
}

async function collectAll(iterable: AsyncIterableIterator<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('sharedSubscribe', () => {
  const document = parse('subscription { changed }');

  it('executes an event once for all subscribers of one scope', async () => {
    const calls = { n: 0 };
    const schema = schemaCounting(calls, broadcast([{ name: 'a' }, { name: 'b' }]));
    const subscribe = sharedSubscribe((ctx) => (ctx as { scope: string }).scope);
    const results = await Promise.all(
      [1, 2, 3].map(async () =>
        collectAll(
          (await subscribe({
            schema,
            document,
            contextValue: { scope: 'w1:member' },
          })) as AsyncIterableIterator<unknown>,
        ),
      ),
    );
    expect(results[0]).toEqual([{ data: { changed: 'a' } }, { data: { changed: 'b' } }]);
    expect(results[2]).toEqual(results[0]);
    expect(calls.n).toBe(2);
  });

  it('executes again for another scope, and always when there is no scope', async () => {
    const calls = { n: 0 };
    const schema = schemaCounting(calls, broadcast([{ name: 'a' }]));
    const subscribe = sharedSubscribe((ctx) => (ctx as { scope?: string }).scope);
    for (const contextValue of [{ scope: 'w1:member' }, { scope: 'w1:viewer' }, {}, {}]) {
      await collectAll(
        (await subscribe({ schema, document, contextValue })) as AsyncIterableIterator<unknown>,
      );
    }
    expect(calls.n).toBe(4);
  });
});
