import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account } from 'oidc-provider';

/**
 * A real OpenID provider (oidc-provider, certified) on a local port, with one client whose
 * redirect URI is the server's callback. Its sign-in page asks only for an e-mail and signs
 * that account in (consent included): the account's e-mail is the typed one, verified unless
 * it starts with `unverified-`.
 */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startProvider(redirectUri: string): Promise<TestProvider> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'crm';
  const clientSecret = 'a client secret of the test provider';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test provider cookie key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id): Account => ({
      accountId: id,
      claims: () => ({
        sub: id,
        email: id,
        email_verified: !id.startsWith('unverified-'),
        name: `Person ${id.slice(0, id.indexOf('@'))}`,
      }),
    }),
  });
  const callback = provider.callback();
  handler = (req, res) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
    if (match)
      void interaction(provider, req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
    else callback(req, res);
  };
  return {
    issuer,
    clientId,
    clientSecret,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The provider's sign-in page: an e-mail, prefilled with the client's login_hint, and a button. */
async function interaction(provider: Provider, req: http.IncomingMessage, res: http.ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Test provider</title>
      <form method="post" action="${req.url}">
        <label>E-mail <input name="email" value="${hint.replace(/[<>&"]/g, '')}" data-testid="provider-email"></label>
        <button type="submit" data-testid="provider-continue">Continue</button>
      </form>`);
    return;
  }
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const accountId = new URLSearchParams(body).get('email') ?? '';
  const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

/**
 * A browser's way through redirects over plain HTTP: cookies kept per host and port (their
 * paths ignored: names do not clash here), every redirect followed by hand so a test can stop
 * at one (`until`) and change it.
 */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  cookieFor(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).host)?.get(name);
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    this.cookies.set(host, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value.join('=') === '';
      if (expired) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    return response;
  }

  /** Follows redirects from `url` until `until` says stop (or an answer is not a redirect); answers the last URL. */
  async follow(
    url: string,
    until: (location: string) => boolean = () => false,
    init: RequestInit = {},
  ): Promise<{ url: string; response: Response }> {
    let current = url;
    let response = await this.fetch(current, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops++) {
      const location = new URL(response.headers.get('location')!, current).href;
      await response.body?.cancel();
      if (until(location)) return { url: location, response };
      current = location;
      response = await this.fetch(current);
    }
    return { url: current, response };
  }
}
