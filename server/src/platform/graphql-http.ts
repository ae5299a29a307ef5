import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer, BaseContext, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';

/**
 * Hands one HTTP request (its body already read) to an Apollo Server instance through its integration API,
 * so each request can be routed to the instance that holds its workspace's schema.
 */
export async function executeGraphQLHttp<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  context: TContext,
  responseCookies: string[] = [],
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers,
    search: query === -1 ? '' : url.slice(query),
    body,
  };
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: async () => context,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (responseCookies.length) res.setHeader('set-cookie', responseCookies);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    // Apollo set the content type; Express's `send` would only re-check what is already set.
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** A GraphQL-shaped error answer for failures before execution (bad JSON, bad token). */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  message: string,
  extensions: Record<string, unknown>,
): void {
  const body = JSON.stringify({ errors: [{ message, extensions }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/graphql-response+json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
