import { Forbidden } from '../../platform/index.js';
import type { IdentityContext } from '../context.js';

/** Whom passkeys are made for (the id browsers scope them to) and the page origins a ceremony may come from. */
export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

/**
 * PUBLIC_URL's host and origin when it is set. Without it the server answers at whatever host
 * it was reached by (as the WebSocket origin check does), so the request's Host names both;
 * the browser signs the page's real origin into each response, so a page elsewhere still fails.
 */
export function relyingParty(ctx: IdentityContext): RelyingParty {
  const { publicUrl, twoFactorIssuer } = ctx.services.identity;
  if (publicUrl) {
    const url = new URL(publicUrl);
    return { id: url.hostname, name: twoFactorIssuer, origins: [url.origin] };
  }
  const host = ctx.host?.toLowerCase();
  if (!host || !/^[a-z0-9.\-[\]:]+$/.test(host)) {
    throw new Forbidden('Passkeys need PUBLIC_URL set, or a request with a Host header.');
  }
  const { hostname } = new URL(`http://${host}`);
  // The scheme is not known behind a TLS-terminating proxy: either is the same host.
  return { id: hostname, name: twoFactorIssuer, origins: [`https://${host}`, `http://${host}`] };
}
