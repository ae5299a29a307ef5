import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildSchema, GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../identity/index.js';
import { createFastPath } from './graphql-fast-path.js';
import { createOperationGuard } from './protection.js';

const schema = buildSchema(`
  type Query { hello(name: String!): String!, items(first: Int = 10): [String!]!, broken: String }
  type Mutation { rename(name: String!): String! }
`);
const root = {
  hello: ({ name }: { name: string }) => `hello ${name}`,
  items: ({ first }: { first: number }) => Array.from({ length: first }, (_, i) => `#${i}`),
  broken: () => {
    throw new GraphQLError('no luck', { extensions: { code: 'NOT_FOUND' } });
  },
  rename: ({ name }: { name: string }) => name,
};
// buildSchema has no resolvers: the root value's functions answer, as graphql-js allows.
for (const type of [schema.getQueryType()!, schema.getMutationType()!])
  for (const field of Object.values(type.getFields()))
    field.resolve = (_source, args) => (root as Record<string, (a: unknown) => unknown>)[field.name]!(args);

const formatted: unknown[] = [];
const tryServe = createFastPath({
  validationRules: [],
  guard: createOperationGuard({ maxCost: 100, maxInputDepth: 5, maxIntrospection: 2 }),
  formatError: (error: GraphQLFormattedError, original: unknown) => {
    formatted.push(original);
    return { ...error, message: `formatted: ${error.message}` };
  },
  development: false,
});

interface Written {
  status: number;
  headers: Record<string, unknown>;
  body?: unknown;
}

async function serve(body: unknown, accept?: string): Promise<Written | false> {
  const written: Written = { status: 0, headers: {} };
  const res = {
    set statusCode(value: number) {
      written.status = value;
    },
    setHeader: (name: string, value: unknown) => void (written.headers[name] = value),
    end: (text: string) => void (written.body = JSON.parse(text)),
  } as unknown as ServerResponse;
  const req = { headers: accept ? { accept } : {} } as IncomingMessage;
  const context = { responseCookies: ['a=1'] } as unknown as RequestContext;
  return (await tryServe(schema, req, res, body, context)) && written;
}

describe('the GraphQL fast path', () => {
  it('answers a valid query as Apollo would: data, JSON type, status 200, cookies', async () => {
    const answer = await serve({ query: 'query ($n: String!) { hello(name: $n) }', variables: { n: 'Ann' } });
    expect(answer).toEqual({
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': expect.any(Number),
        'set-cookie': ['a=1'],
      },
      body: { data: { hello: 'hello Ann' } },
    });
    const mutation = await serve({ query: 'mutation { rename(name: "B") }' });
    expect(mutation && mutation.body).toEqual({ data: { rename: 'B' } });
  });

  it('answers in the type the Accept header prefers, and leaves an unacceptable one to Apollo', async () => {
    // Twice each: the second time the negotiation is remembered, refusals included.
    for (let i = 0; i < 2; i++) {
      const answer = await serve({ query: '{ items(first: 1) }' }, 'application/graphql-response+json');
      expect(answer && answer.headers['content-type']).toBe(
        'application/graphql-response+json; charset=utf-8',
      );
      expect(await serve({ query: '{ items(first: 1) }' }, 'text/html')).toBe(false);
    }
  });

  it('formats execution errors with a code through formatError, beside the data', async () => {
    formatted.length = 0;
    const answer = await serve({ query: '{ broken items(first: 2) }' });
    expect(answer && answer.status).toBe(200);
    expect(answer && answer.body).toEqual({
      errors: [
        {
          message: 'formatted: no luck',
          locations: [{ line: 1, column: 3 }],
          path: ['broken'],
          extensions: { code: 'NOT_FOUND' },
        },
      ],
      data: { broken: null, items: ['#0', '#1'] },
    });
    expect(formatted[0]).toBeInstanceOf(GraphQLError);
  });

  it('leaves to Apollo whatever it must refuse, before anything runs', async () => {
    expect(await serve({ query: '{ hello(name: ' })).toBe(false); // does not parse
    expect(await serve({ query: '{ nope }' })).toBe(false); // does not validate
    expect(await serve({ query: 'query ($n: String!) { hello(name: $n) }', variables: {} })).toBe(false);
    const introspection =
      '{ a: __schema { queryType { name } } b: __type(name: "Query") { name } c: __type(name: "Query") { name } }';
    expect(await serve({ query: introspection })).toBe(false); // refused by the guard
    expect(await serve({ query: '{ items }', extensions: { persistedQuery: {} } })).toBe(false);
    expect(await serve({ query: 'subscription { x }' })).toBe(false);
    expect(await serve([{ query: '{ items }' }])).toBe(false); // a batch
    expect(await serve({ query: '{ items }', variables: '{}' })).toBe(false);
    expect(await serve({ query: 'query A { items } query B { items }' })).toBe(false); // which one?
  });
});
