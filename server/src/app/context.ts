import type { IncomingMessage } from 'node:http';
import { defaultLanguage, isLanguage, preferredLanguage, type Language } from '@crm/contracts';
import type { MikroORM } from '@mikro-orm/postgresql';
import { recordTokenUse } from '../audit/index.js';
import { authenticate, readSessionCookie, type Credentials, type RequestContext } from '../identity/index.js';
import { setBounded, poolStatements, withLazyFork, type SocketContext } from '../platform/index.js';
import type { AppServices } from './services.js';

const workspaceHeader = 'x-workspace-id';

/**
 * The token of a `Bearer` Authorization header ('' for a Bearer header without one, which
 * is refused). Other schemes (Basic, Digest…) are not ours: a proxy or a browser may add
 * them, so they are ignored and the session cookie still counts.
 */
function bearerToken(authorization: string | undefined): string | undefined {
  const value = authorization?.trim();
  if (!value || !/^Bearer(\s|$)/i.test(value)) return undefined;
  return value.slice('Bearer'.length).trim();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

/** Credentials of an HTTP request: a bearer token wins over the session cookie. */
export function httpCredentials(request: IncomingMessage): Credentials {
  return {
    bearerToken: bearerToken(request.headers.authorization),
    sessionSecret: readSessionCookie(request.headers.cookie),
    workspaceId: headerValue(request.headers[workspaceHeader]),
  };
}

/**
 * Credentials of a socket: `connection_init` may carry `token` and `workspaceId`;
 * otherwise the upgrade request's cookie authenticates, as on HTTP.
 */
export function socketCredentials(ctx: SocketContext): Credentials {
  const params = ctx.connectionParams ?? {};
  const token = typeof params.token === 'string' ? params.token : undefined;
  const workspaceId = typeof params.workspaceId === 'string' ? params.workspaceId : undefined;
  const fromRequest = httpCredentials(ctx.extra.request);
  return {
    bearerToken: token ?? fromRequest.bearerToken,
    sessionSecret: fromRequest.sessionSecret,
    workspaceId: workspaceId ?? fromRequest.workspaceId,
  };
}

/** The request context as the app builds it: every module reads it through its own services interface. */
export type AppContext = RequestContext<AppServices>;

export async function createContext(
  orm: MikroORM,
  services: AppServices,
  credentials: Credentials,
  request: IncomingMessage,
  clientAddress: string,
  transport: AppContext['transport'],
): Promise<AppContext> {
  // The entity manager is forked when a resolver first needs one (platform/lazy-fork.ts);
  // authentication only sends statements.
  const statements = poolStatements(orm.em);
  // HTTP requests use the caller cache. A socket operation (a subscription: queries go over
  // HTTP) is rare and long-lived, so it reads afresh and counts even a change no bus carried.
  const callers = transport === 'http' ? services.callers : undefined;
  const caller = await authenticate(statements, { ...credentials, clientAddress }, callers);
  const userAgent = headerValue(request.headers['user-agent']);
  if (caller?.via === 'token') await recordTokenUse(statements, { caller, clientAddress, userAgent });
  const host = headerValue(request.headers.host);
  const language = requestLanguage(caller?.user.language, request.headers['accept-language']);
  return withLazyFork(
    { caller, clientAddress, userAgent, host, responseCookies: [], transport, language, services },
    orm.em,
  );
}

/** Accept-Language headers seen and what they choose: a client sends the same one every time. */
const acceptedLanguages = new Map<string, Language>();

/** The user's chosen language, else the best of the request's Accept-Language, else the default. */
export function requestLanguage(chosen: string | null | undefined, accepted: string | undefined): Language {
  if (isLanguage(chosen)) return chosen;
  if (accepted === undefined) return defaultLanguage;
  let language = acceptedLanguages.get(accepted);
  if (language === undefined) {
    language = preferredLanguage(accepted) ?? defaultLanguage;
    setBounded(acceptedLanguages, accepted, language, 100);
  }
  return language;
}
