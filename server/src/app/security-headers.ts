import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';
import type { Config } from '../platform/index.js';

/**
 * Headers for every answer (the client, its assets and the API), set by helmet: a
 * maintained library that keeps up with what browsers honour, instead of a hand-kept list.
 *
 * The CSP is what the built client needs and no more: scripts and styles from this origin
 * only (Vite emits external files, no inline script), inline *styles* allowed because Vue's
 * static style attributes and TipTap's injected editor CSS need them (CSS cannot run script),
 * and WebSockets to this host for subscriptions and co-editing.
 */
export function securityHeaders(config: Pick<Config, 'publicUrl'>) {
  const socketOrigins = (req: IncomingMessage) => {
    const host = config.publicUrl ? new URL(config.publicUrl).host : req.headers.host;
    // A host header that is not a plain host[:port] adds nothing to the policy.
    return host && /^[a-zA-Z0-9.:[\]-]+$/.test(host) ? `ws://${host} wss://${host}` : "'self'";
  };
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", (req) => socketOrigins(req)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only where the public address is https: on a LAN over http it would be ignored,
    // and it must not pin the operator's other subdomains.
    strictTransportSecurity: config.publicUrl?.startsWith('https://')
      ? { maxAge: 180 * 24 * 3600, includeSubDomains: false }
      : false,
  });
}
