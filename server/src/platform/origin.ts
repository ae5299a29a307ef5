import type { IncomingMessage } from 'node:http';

export interface OriginPolicy {
  publicUrl?: string;
  allowedOrigins: readonly string[];
}

/**
 * Whether a WebSocket upgrade may proceed, judged by its Origin header. Browsers send the
 * session cookie with a cross-site upgrade and never apply CORS to WebSockets, so a page
 * elsewhere could otherwise act as the signed-in user. Allowed: no Origin (not a browser:
 * such a client has to present its own token or cookie), PUBLIC_URL's origin, the host the
 * request was sent to (same origin), and ALLOWED_ORIGINS.
 */
export function createOriginCheck(policy: OriginPolicy): (request: IncomingMessage) => boolean {
  const allowed = new Set(policy.allowedOrigins);
  if (policy.publicUrl) allowed.add(new URL(policy.publicUrl).origin);
  return (request) => {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    if (allowed.has(origin)) return true;
    const host = request.headers.host;
    if (!host) return false;
    try {
      const url = new URL(origin);
      // The scheme is not compared: behind a TLS-terminating proxy the page is https, the hop http.
      return /^https?:$/.test(url.protocol) && url.host === host.toLowerCase();
    } catch {
      return false; // `null` (sandboxed frames, files) and anything unparseable
    }
  };
}
