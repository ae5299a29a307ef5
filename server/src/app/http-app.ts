import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import bytes from 'bytes';
import express, { type NextFunction, type Request, type Response } from 'express';
import proxyaddr from 'proxy-addr';
import responseTime from 'response-time';
import {
  AppError,
  errorCodes,
  executeGraphQLHttp,
  sendGraphQLError,
  type Config,
  type Logger,
} from '../platform/index.js';
import { ssoRoutes } from '../identity/index.js';
import { caughtMailPage, unsubscribeRouter } from '../mail/index.js';
import { publicRoutes } from '../webforms/index.js';
import { uploadRoute } from '../imports/index.js';
import { fileDownloadRoute, fileUploadRoute } from '../files/index.js';
import { reportExportHandler } from '../reports/index.js';
import { personalDataExportHandler } from '../privacy/index.js';
import { createContext, httpCredentials } from './context.js';
import type { GraphQLServers } from './graphql-servers.js';
import { graphqlDoor } from './graphql-door.js';
import { createFastPath } from './graphql-fast-path.js';
import { apiSecurityHeaders, securityHeaders } from './security-headers.js';
import type { AppServices } from './services.js';
import { setClientCacheHeaders } from './client-files.js';

const defaultClientDist = fileURLToPath(new URL('../../../client/dist', import.meta.url));

/**
 * The HTTP door: health, GraphQL (routed to the caller's workspace schema), the client. A
 * GraphQL POST of plain JSON skips Express (graphql-door.ts); everything else goes through it.
 */
export function createHttpHandler(
  config: Config,
  logger: Logger,
  orm: MikroORM,
  services: AppServices,
  graphql: GraphQLServers,
): RequestListener {
  const app = express();
  const pageHeaders = securityHeaders(config);
  const apiHeaders = apiSecurityHeaders(config);
  // The time spent in this process, from the request's arrival to its answer's headers, for
  // browsers' dev tools, proxies' logs and the benchmarks (docs/benchmarks.md).
  const timing = responseTime((_req, res, ms) => res.setHeader('Server-Timing', `app;dur=${ms.toFixed(2)}`));
  const clientAddress = (req: IncomingMessage) =>
    proxyaddr(req, app.get('trust proxy fn') as (address: string, hop: number) => boolean);

  const fastPath = createFastPath({
    validationRules: graphql.validationRules,
    guard: graphql.guard,
    formatError: graphql.formatError,
    development: config.isDevelopment,
  });
  const serveGraphQL = async (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const context = await createContext(orm, services, httpCredentials(req), req, clientAddress(req), 'http');
    const { schema, server } = await graphql.schemas.forWorkspace(context, context.caller);
    if (req.method === 'POST' && (await fastPath(schema, req, res, body, context))) return;
    await executeGraphQLHttp(server, req, res, body, context, context.responseCookies);
  };

  const answerError = (res: ServerResponse, error: unknown) => {
    if (res.headersSent) {
      logger.error({ err: error }, 'failed after the answer began');
      res.destroy();
      return;
    }
    if (error instanceof AppError) {
      sendGraphQLError(res, errorCodes[error.code], error.message, error.extensions);
      return;
    }
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      sendGraphQLError(res, 413, `The request body is larger than ${config.bodyLimit}.`, {
        code: 'BAD_REQUEST',
      });
    } else if (type === 'entity.parse.failed') {
      sendGraphQLError(res, 400, 'The request body is not valid JSON.', { code: 'BAD_REQUEST' });
    } else if (type === 'request.aborted') {
      res.destroy();
    } else {
      logger.error({ err: error }, 'internal error');
      sendGraphQLError(res, 500, 'Internal server error.', { code: 'INTERNAL_SERVER_ERROR' });
    }
  };

  app.disable('x-powered-by');
  // Answers are private to a member and never HTTP-cached; Express would hash every one of
  // them for an ETag nobody revalidates (2 % of a page request's CPU in bench:profile).
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  // As Express routes `/graphql`: any case, with or without a trailing slash.
  app.use((req, res, next) => (/^\/graphql\/?$/i.test(req.path) ? apiHeaders : pageHeaders)(req, res, next));

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok' });
    } catch (error) {
      logger.warn({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database' });
    }
  });

  // Development only (config refuses it in production): what MAIL_CATCHER kept instead of sending.
  const caught = services.mailCatcher;
  if (caught) app.get('/dev/mail', (_req, res) => res.type('html').send(caughtMailPage(caught.list())));

  // A raw RFC 822 message from an admin's API token (a mail provider's webhook): docs/email.md.
  app.post(
    '/mail/inbound',
    express.raw({ type: () => true, limit: config.bodyLimit }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const context = await createContext(
          orm,
          services,
          httpCredentials(req),
          req,
          req.ip ?? 'unknown',
          'http',
        );
        const logged = await services.inboundMail.receive(context, req.body as Buffer);
        res.status(logged.duplicate ? 200 : 201).json(logged);
      } catch (error) {
        next(error);
      }
    },
  );

  // Single sign-on's browser doors: to the workspace's OpenID provider and back (docs/security.md).
  app.use(
    ssoRoutes({
      logger,
      context: (req) => createContext(orm, services, {}, req, req.ip ?? 'unknown', 'http'),
    }),
  );

  // Public, no account: web-to-lead forms (CORS for their paths only) and the ADF lead feed.
  app.use(
    publicRoutes({
      orm,
      records: services.records,
      logger,
      limits: config.forms.limits,
      counted: services.rateLimits,
      bodyLimit: config.forms.bodyLimit,
      adfBodyLimit: config.forms.adfBodyLimit,
      phoneCountry: config.forms.phoneCountry,
    }),
  );

  // CSV/XLSX uploads for imports (docs/import.md): multipart, up to IMPORT_MAX_FILE_MB.
  app.post(
    '/imports/upload',
    ...uploadRoute({
      maxFileBytes: config.imports.maxFileBytes,
      context: (req) => createContext(orm, services, httpCredentials(req), req, req.ip ?? 'unknown', 'http'),
    }),
  );

  // Files of FILE and IMAGE fields (docs/files.md): streamed uploads, signed downloads.
  app.post(
    '/files',
    fileUploadRoute((req) =>
      createContext(orm, services, httpCredentials(req), req, req.ip ?? 'unknown', 'http'),
    ),
  );
  // A signed link names its workspace, which the reader must be a member of.
  app.get(
    '/files/:id/:variant',
    fileDownloadRoute((req, workspaceId) =>
      createContext(
        orm,
        services,
        { ...httpCredentials(req), workspaceId },
        req,
        req.ip ?? 'unknown',
        'http',
      ),
    ),
  );

  // Public: the unsubscribe link's page and RFC 8058 one-click POST (the signed token is the permission).
  app.use(unsubscribeRouter(orm, services.events));

  app.all(
    '/graphql',
    timing,
    express.json({
      limit: config.bodyLimit,
      type: ['application/json', 'application/graphql-response+json'],
    }),
    (req: Request, res: Response, next: NextFunction) => {
      serveGraphQL(req, res, req.body).catch(next);
    },
  );

  // Downloads: a plain link names its workspace in the query, where a header cannot go.
  const downloadContext = (req: Request) => {
    const credentials = httpCredentials(req);
    const workspace = typeof req.query.workspace === 'string' ? req.query.workspace : undefined;
    return createContext(
      orm,
      services,
      { ...credentials, workspaceId: credentials.workspaceId ?? workspace },
      req,
      req.ip ?? 'unknown',
      'http',
    );
  };
  app.get('/export/reports/:file', reportExportHandler(downloadContext));
  // A person's data as a ZIP (docs/security.md), for admins.
  app.get('/export/privacy/:object/:file', personalDataExportHandler(downloadContext));

  const clientDist = config.clientDist ?? defaultClientDist;
  if (existsSync(path.join(clientDist, 'index.html'))) {
    app.use(express.static(clientDist, { index: false, maxAge: '1h', setHeaders: setClientCacheHeaders }));
    // The page itself too: it names the current assets and registers the service worker.
    const noCache = { headers: { 'Cache-Control': 'no-cache' } };
    app.get('/{*path}', (_req, res) => res.sendFile(path.join(clientDist, 'index.html'), noCache));
  } else {
    logger.warn({ clientDist }, 'client not built; run `pnpm build` to serve it');
  }

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => answerError(res, error));
  const door = graphqlDoor({
    bodyLimit: bytes.parse(config.bodyLimit) ?? Infinity,
    before: [apiHeaders, timing],
    serve: serveGraphQL,
    fail: answerError,
  });
  return (req, res) => {
    if (!door(req, res)) void app(req, res);
  };
}
