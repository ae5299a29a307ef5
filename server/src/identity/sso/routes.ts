import { parse, serialize } from 'cookie';
import { Router, type Request, type Response } from 'express';
import type { Logger } from '../../platform/index.js';
import type { IdentityContext } from '../context.js';
import { sessionCookie } from '../session-cookie.js';
import { redirectUri } from './provider.js';
import { finishSso, flowMinutes, SsoRefusal, startSso } from './sign-in.js';

/** The browser's half of a sign-in in flight; only sent back to the callback. */
const flowCookieName = 'crm_sso';
const flowCookiePath = '/auth/oidc';

export interface SsoRouteOptions {
  context: (req: Request) => Promise<IdentityContext>;
  logger: Logger;
}

/**
 * The two browser doors of single sign-on: `GET /auth/oidc/start?email=…` (or `?workspace=<id>`)
 * redirects to the provider; `GET /auth/oidc/callback` signs in and redirects into the app, or
 * back to the sign-in page with `?ssoError=<code>`.
 */
export function ssoRoutes(options: SsoRouteOptions): Router {
  const router = Router();

  router.get('/auth/oidc/start', async (req, res) => {
    const ctx = await options.context(req);
    const base = ctx.services.sso.publicBase();
    try {
      const started = await startSso(ctx, {
        email: typeof req.query.email === 'string' ? req.query.email : undefined,
        workspaceId: typeof req.query.workspace === 'string' ? req.query.workspace : undefined,
      });
      res.setHeader('Set-Cookie', flowCookie(ctx, started.flowSecret, flowMinutes * 60));
      res.redirect(302, started.url);
    } catch (error) {
      refuse(res, base, error, options.logger);
    }
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    const ctx = await options.context(req);
    const settings = ctx.services.sso;
    const callbackUrl = new URL(redirectUri(settings));
    callbackUrl.search = new URL(req.originalUrl, 'http://callback').search;
    const cookies: string[] = [flowCookie(ctx, '', 0)];
    try {
      const flowSecret = parse(req.headers.cookie ?? '')[flowCookieName];
      const finished = await finishSso(ctx, flowSecret, callbackUrl);
      cookies.push(sessionCookie(finished.sessionSecret, ctx.services.identity));
      if (finished.joined) {
        await ctx.services.events.publish('workspace.members', finished.workspaceId, {
          kind: 'ADDED',
          userId: finished.user.id,
        });
      }
      res.setHeader('Set-Cookie', cookies);
      res.redirect(302, `${settings.publicBase()}/`);
    } catch (error) {
      res.setHeader('Set-Cookie', cookies);
      refuse(res, settings.publicBase(), error, options.logger);
    }
  });

  return router;
}

function flowCookie(ctx: IdentityContext, secret: string, maxAge: number): string {
  // Lax: the provider's redirect back is a top-level GET from another site, which Lax lets through.
  return serialize(flowCookieName, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.services.identity.cookieSecure,
    path: flowCookiePath,
    maxAge,
  });
}

function refuse(res: Response, base: string, error: unknown, logger: Logger): void {
  if (!(error instanceof SsoRefusal)) {
    logger.error({ err: error }, 'single sign-on failed');
    res.redirect(302, `${base}/sign-in?ssoError=provider-error`);
    return;
  }
  if (error.code === 'provider-error')
    logger.warn({ detail: error.detail }, 'single sign-on refused by the provider');
  res.redirect(302, `${base}/sign-in?ssoError=${error.code}`);
}
