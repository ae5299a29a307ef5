import { describe, expect, it } from 'vitest';
import { useServer } from '../support/server.js';

// Issue 11, finding 12: the client and the API are sent with a Content-Security-Policy,
// no MIME sniffing, no framing by other sites and a referrer policy.

describe('security headers', () => {
  const server = useServer();

  const graphqlPost = () =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it.each([
    ['the client', () => fetch(`${server.url}/`)],
    ['a client route', () => fetch(`${server.url}/objects/company`)],
    ['the health check', () => fetch(`${server.url}/healthz`)],
    ['the API', graphqlPost],
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
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    // Plain http here: no HSTS, which would be ignored or pin an operator's other hosts.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});
