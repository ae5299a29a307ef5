import { describe, expect, it } from 'vitest';
import { useServer } from '../support/server.js';

// Issue 11, finding 12: the client and the API are sent with a Content-Security-Policy,
// no MIME sniffing, no framing by other sites and a referrer policy. The API's answers (JSON,
// never rendered as a page) get OWASP's set for APIs: a policy allowing nothing, and no caching.

describe('security headers', () => {
  const server = useServer();

  const graphqlPost = (path = '/graphql') =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  const common = (response: Response) => {
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    // Plain http here: no HSTS, which would be ignored or pin an operator's other hosts.
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  };

  it.each([
    ['the client', () => fetch(`${server.url}/`)],
    ['a client route', () => fetch(`${server.url}/objects/company`)],
    ['the health check', () => fetch(`${server.url}/healthz`)],
  ])('are on %s', async (_what, request) => {
    const response = await request();
    const csp = response.headers.get('content-security-policy') ?? '';
    const host = new URL(server.url).host;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    common(response);
  });

  it.each([
    ['a POST of JSON', () => graphqlPost()],
    ['a POST to /graphql/ (through Express)', () => graphqlPost('/graphql/')],
    ['a GET', () => fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`)],
    [
      'a refused request',
      () =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{ not json',
        }),
    ],
  ])('are on the API: %s', async (_what, request) => {
    const response = await request();
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    // Page-only headers are not sent with JSON.
    expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(response.headers.get('x-xss-protection')).toBeNull();
    common(response);
  });
});
