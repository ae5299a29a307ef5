import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { setBounded, type Config } from '../platform/index.js';

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
  return oncePerHost(helmetFor(config));
}

/**
 * Headers for the API's answers (`/graphql`: JSON, never a page a browser renders), as OWASP's
 * REST cheat sheet lists them: a policy that lets such an answer load nothing and be framed by
 * no one, no MIME sniffing, no caching of a member's data by a browser or proxy, HSTS as for
 * pages. The page-only headers (opener and agent-cluster isolation, DNS prefetch, IE's download
 * and XSS switches, Flash's cross-domain policy) are left off: they were most of the bytes of
 * every answer, written by the server and parsed by the client.
 */
export function apiSecurityHeaders(config: Pick<Config, 'publicUrl'>) {
  const helmetHeaders = oncePerHost(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      strictTransportSecurity: strictTransport(config),
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  );
  return ((req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    helmetHeaders(req, res, next);
  }) satisfies Middleware;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers depend only on the Host header (the CSP's socket origins): helmet computes them
 * once per host, and each answer gets the copy (helmet per request was 3 % of a page's CPU).
 */
function oncePerHost(headersOf: Middleware): Middleware {
  const byHost = new Map<string, [string, string][]>();
  return (req, res, next) => {
    const host = req.headers.host ?? '';
    let headers = byHost.get(host);
    if (!headers) {
      headers = recordHeaders(headersOf, req);
      if (!headers) return headersOf(req, res, next);
      setBounded(byHost, host, headers, 100);
    }
    res.removeHeader('x-powered-by');
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** What the middleware sets, when it does so at once and only sets headers; else undefined. */
function recordHeaders(middleware: Middleware, req: IncomingMessage): [string, string][] | undefined {
  const headers: [string, string][] = [];
  let done = false;
  const recorder = {
    setHeader: (name: string, value: string) => void headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  middleware(req, recorder as unknown as ServerResponse, (error) => (done = error === undefined));
  return done ? headers : undefined;
}

function helmetFor(config: Pick<Config, 'publicUrl'>): Middleware {
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
        // The document designer shows its preview PDF, made in the page, in a frame (blob: URL).
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: strictTransport(config),
  });
}

/**
 * HSTS only where the public address is https: on a LAN over http it would be ignored, and it
 * must not pin the operator's other subdomains.
 */
function strictTransport(config: Pick<Config, 'publicUrl'>) {
  return config.publicUrl?.startsWith('https://')
    ? { maxAge: 180 * 24 * 3600, includeSubDomains: false }
    : (false as const);
}
