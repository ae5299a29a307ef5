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
          args: { after: { type: GraphQLString }, tag: { type: GraphQLString } },
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
    const subscribe = sharedSubscribe({ scopeOf: (ctx) => (ctx as { scope: string }).scope });
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
    const subscribe = sharedSubscribe({ scopeOf: (ctx) => (ctx as { scope?: string }).scope });
    for (const contextValue of [{ scope: 'w1:member' }, { scope: 'w1:viewer' }, {}, {}]) {
      await collectAll(
        (await subscribe({ schema, document, contextValue })) as AsyncIterableIterator<unknown>,
      );
    }
    expect(calls.n).toBe(4);
  });

  it('shares between operations that differ only in a subscribe-only argument', async () => {
    const calls = { n: 0 };
    const schema = schemaCounting(calls, broadcast([{ name: 'a' }]));
    const subscribe = sharedSubscribe({
      scopeOf: () => 'w1:member',
      subscribeOnlyArguments: { changed: ['after'] },
    });
    const resumed = parse('subscription ($after: String) { changed(after: $after) }');
    // `$tag` is read by the resolver's own argument: it keeps operations apart.
    const tagged = parse('subscription ($after: String, $tag: String) { changed(after: $after, tag: $tag) }');
    // The same variable also given to an argument the resolver reads: not subscribe-only.
    const both = parse('subscription ($after: String) { changed(after: $after, tag: $after) }');
    const run = async (doc: typeof resumed, variableValues: Record<string, unknown>) =>
      collectAll(
        (await subscribe({
          schema,
          document: doc,
          variableValues,
          contextValue: {},
        })) as AsyncIterableIterator<unknown>,
      );
    await run(resumed, { after: '1' });
    await run(resumed, { after: '2' });
    expect(calls.n).toBe(1);
    await run(tagged, { after: '1', tag: 'x' });
    await run(tagged, { after: '2', tag: 'y' });
    expect(calls.n).toBe(3);
    await run(both, { after: '1' });
    await run(both, { after: '2' });
    expect(calls.n).toBe(5);
  });
});
