import * as oidc from 'openid-client';
import { setBounded } from '../../platform/index.js';
import type { SsoSettings } from '../context.js';

/** The redirect URI the provider sends people back to; register exactly this at the provider. */
export function redirectUri(settings: SsoSettings): string {
  return `${settings.publicBase()}/auth/oidc/callback`;
}

export interface ProviderClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Discovery is a round trip to the provider: its answer is kept a while per configuration. */
const discoveryTtlMs = 10 * 60_000;
const discovered = new Map<string, { config: Promise<oidc.Configuration>; until: number }>();

/**
 * The provider's configuration from its discovery document (`<issuer>/.well-known/openid-configuration`),
 * whose `issuer` must equal the one given. Rejects when it is unreachable or not a provider.
 */
export function discover(settings: SsoSettings, client: ProviderClient): Promise<oidc.Configuration> {
  const key = JSON.stringify([client.issuer, client.clientId, client.clientSecret]);
  const now = Date.now();
  const cached = discovered.get(key);
  if (cached && cached.until > now) return cached.config;
  const config = oidc.discovery(new URL(client.issuer), client.clientId, client.clientSecret, undefined, {
    timeout: 10,
    ...(settings.allowHttpIssuer ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  setBounded(discovered, key, { config, until: now + discoveryTtlMs }, 1000);
  config.catch(() => discovered.delete(key));
  return config;
}

/** Why an issuer is refused before asking it anything, or null. */
export function issuerProblem(settings: SsoSettings, issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'issuer must be a URL such as https://login.example.com';
  }
  if (url.protocol === 'https:')
    return url.username || url.password ? 'issuer cannot carry a password' : null;
  if (url.protocol === 'http:' && settings.allowHttpIssuer) return null;
  return 'issuer must be an https:// URL';
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The provider's authorization URL with PKCE (S256), a state and a nonce, which the caller keeps. */
export async function authorizationRequest(
  config: oidc.Configuration,
  settings: SsoSettings,
  loginHint?: string,
): Promise<AuthorizationRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(settings),
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url, state, nonce, codeVerifier };
}

export interface VerifiedIdentity {
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  subject: string;
}

/**
 * Exchanges the callback's code (PKCE, state) and validates the ID token: signature, issuer,
 * audience, expiry and nonce (openid-client). Rejects on any mismatch or provider error.
 */
export async function redeemCallback(
  config: oidc.Configuration,
  callbackUrl: URL,
  expected: Pick<AuthorizationRequest, 'state' | 'nonce' | 'codeVerifier'>,
): Promise<VerifiedIdentity> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider sent no ID token');
  // Providers that keep the ID token small put the e-mail in the userinfo answer only; that
  // answer must be about the same subject (openid-client checks `sub`).
  const profile =
    typeof claims.email === 'string'
      ? claims
      : await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  return {
    email: typeof profile.email === 'string' ? profile.email : null,
    emailVerified: profile.email_verified === true,
    name:
      typeof profile.name === 'string' ? profile.name : typeof claims.name === 'string' ? claims.name : null,
    subject: claims.sub,
  };
}
