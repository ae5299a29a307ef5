import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newUser } from '../support/client.js';
import { useServer, type TestServer } from '../support/server.js';

// GraphQL over HTTP as a client sees it: methods, status codes, content types, error
// shapes, and the limits that refuse abusive operations before they run.

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

async function send(server: TestServer, init: RequestInit, search = ''): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql${search}`, init);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer['body'],
  };
}

/** POSTs `body` as JSON; a string is sent as is, so it may be malformed. */
function post(server: TestServer, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(server, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function get(server: TestServer, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  return send(server, { method: 'GET', headers }, `?query=${encodeURIComponent(query)}`);
}

const preflight = { 'apollo-require-preflight': 'true' };

function errorCode(answer: Answer): string | undefined {
  return answer.body.errors?.[0]?.extensions?.code;
}

/** A valid operation whose inline fragments nest `levels` deep below `me`. */
function deepQuery(levels: number): string {
  let selection = 'user { id }';
  for (let i = 0; i < levels; i++) selection = `... on Me { ${selection} }`;
  return `{ me { ${selection} } }`;
}

function aliasedQuery(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `me${i}: me { authenticatedBy }`).join(' ')} }`;
}

describe('GraphQL over HTTP', () => {
  const server = useServer();
  const production = useServer({ NODE_ENV: 'production', BODY_LIMIT: '1kb' });

  it('answers a query sent by GET with the preflight header', async () => {
    const user = await newUser(server);
    const answer = await get(server, '{me{user{id}}}', { ...preflight, cookie: user.client.cookie! });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { me: { user: { id: user.userId } } } });
    // A member's private answer: no validator to revalidate it with.
    expect(answer.headers.get('etag')).toBeNull();
  });

  it('tells the time spent in the server in a Server-Timing header', async () => {
    const answer = await post(server, { query: '{ __typename }' });
    expect(answer.status).toBe(200);
    const [, ms] = /^app;dur=(\d+\.\d{2})$/.exec(answer.headers.get('server-timing') ?? '') ?? [];
    expect(Number(ms)).toBeGreaterThan(0);
  });

  it('refuses a GET without the preflight header as a possible CSRF', async () => {
    const answer = await get(server, '{me{user{id}}}');
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('BAD_REQUEST');
    expect(answer.body.errors![0]!.message).toMatch(/Cross-Site Request Forgery/);
    expect(answer.body.data).toBeUndefined();
  });

  it('refuses a mutation sent by GET with 405 and Allow: POST', async () => {
    const answer = await get(server, 'mutation { signOut }', preflight);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
    expect(errorCode(answer)).toBe('BAD_REQUEST');
  });

  it('refuses PUT with 405', async () => {
    const answer = await send(server, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toMatch(/GET, POST/);
  });

  it('answers malformed JSON with 400 and a GraphQL-shaped error', async () => {
    const answer = await post(server, '{"query": "{ __typename }"');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers a body without a query with 400', async () => {
    const answer = await post(server, { variables: {} });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('BAD_REQUEST');
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    const answer = await post(server, { query: '{ me { user { id }' });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors![0]!.message).toMatch(/^Syntax Error/);
  });

  it('answers an unknown field with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const answer = await post(server, { query: '{ me { shoeSize } }' });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors![0]!.message).toMatch(/shoeSize/);
  });

  it('answers in application/graphql-response+json when the client asks for it', async () => {
    const answer = await post(
      server,
      { query: '{ __typename }' },
      { accept: 'application/graphql-response+json' },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(answer.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a body over BODY_LIMIT with 413', async () => {
    const answer = await post(production, {
      query: '{ __typename }',
      variables: { padding: 'x'.repeat(2000) },
    });
    expect(answer.status).toBe(413);
    expect(errorCode(answer)).toBe('BAD_REQUEST');
    expect(answer.body.errors![0]!.message).toMatch(/1kb/);
    // Just under the limit still works.
    expect((await post(production, { query: '{ __typename }' })).status).toBe(200);
  });

  it('counts a streamed body without Content-Length against BODY_LIMIT', async () => {
    const padding = 'x'.repeat(2000);
    const chunks = [`{"query":"{ __typename }","variables":{"padding":"`, padding, '"}}'];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const answer = await send(production, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect(answer.body.errors![0]!.message).toMatch(/1kb/);
  });

  it('reads bodies as express.json does: charset, compression, empty, not an object', async () => {
    const query = { query: '{ __typename }' };
    const typed = await post(server, query, { 'content-type': 'application/json; charset=UTF-8' });
    expect(typed.body).toEqual({ data: { __typename: 'Query' } });
    const gzipped = await send(server, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(query)),
    });
    expect(gzipped.body).toEqual({ data: { __typename: 'Query' } });
    const empty = await post(server, '');
    expect(empty.status).toBe(400);
    expect(errorCode(empty)).toBe('BAD_REQUEST');
    const primitive = await post(server, '"{ __typename }"');
    expect(primitive.status).toBe(400);
    expect(primitive.body.errors![0]!.message).toBe('The request body is not valid JSON.');
  });

  it('refuses an operation nested deeper than the depth limit', async () => {
    expect((await post(server, { query: deepQuery(8) })).body).toEqual({ data: { me: null } });
    const answer = await post(server, { query: deepQuery(12) });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors![0]!.message).toMatch(/depth limit of 12/);
  });

  it('refuses an operation with more aliases than the limit', async () => {
    expect((await post(server, { query: aliasedQuery(20) })).status).toBe(200);
    const answer = await post(server, { query: aliasedQuery(21) });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors![0]!.message).toMatch(/Aliases limit of 20/);
  });

  it('refuses an operation with more tokens than the limit as a parse failure', async () => {
    const answer = await post(server, { query: `{ ${'__typename '.repeat(5001)}}` });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors![0]!.message).toMatch(/tokens/);
  });

  it('refuses a batch of operations', async () => {
    const answer = await post(server, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('BAD_REQUEST');
    expect(answer.body.errors![0]!.message).toMatch(/batching/i);
  });

  it('never puts a stack trace in an error, in test or production mode', async () => {
    for (const target of [server, production]) {
      const answers = await Promise.all([
        post(target, '{"query": '),
        post(target, {}),
        post(target, { query: '{ me {' }),
        post(target, { query: '{ nope }' }),
        post(target, { query: deepQuery(12) }),
        post(target, [{ query: '{ __typename }' }]),
        post(target, {
          query: 'mutation { signIn(input: { email: "x@example.com", password: "wrong" }) { user { id } } }',
        }),
        get(target, '{ __typename }'),
      ]);
      for (const answer of answers) {
        expect(answer.body.errors?.length).toBeGreaterThan(0);
        const text = JSON.stringify(answer.body);
        expect(text).not.toMatch(/stacktrace/i);
        expect(text).not.toMatch(/\bat .+\.(js|ts):\d+/);
      }
    }
  });
});
