import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloseCode } from '@crm/contracts';
import { AccessCache } from '../access/index.js';
import {
  AuthRateLimiter,
  CallerCache,
  callerProcessRoutingKey,
  LiveCredentials,
  TwoFactorRequired,
  type WorkspaceCreatedHook,
} from '../identity/index.js';
import { assignmentHooks, createReminders } from '../activities/index.js';
import {
  actorOf,
  auditedSignIn,
  auditRecordHooks,
  auditTasks,
  describeMetadataChange,
  recordAudit,
  schedulePurge,
  type AuditAction,
} from '../audit/index.js';
import {
  automationActorName,
  automationTimelineSource,
  type AutomationRunServices,
  fireExternalTrigger,
  ownerTimeZoneChanged,
} from '../automation/index.js';
import { commentTimelineSource } from '../comments/index.js';
import { mergedHistorySource, mergeTimelineSource } from '../duplicates/index.js';
import { startJobQueue } from '../jobs/index.js';
import {
  campaignTasks,
  countAnsweredMail,
  createInboundMail,
  createMailSender,
  emailTimelineSource,
  queueMail,
} from '../mail/index.js';
import { createLeadRating } from '../leads/index.js';
import { createMatching } from '../matching/index.js';
import { MetadataCache, provisionWorkspace } from '../metadata/index.js';
import {
  AppError,
  attachUpgradeRouter,
  closeReason,
  createEventBus,
  createGraphQLWsEndpoint,
  createOriginCheck,
  RateLimits,
  UserSockets,
  type Config,
  type Database,
  type EventBusHandle,
  type Logger,
} from '../platform/index.js';
import { stageHooks } from '../pipelines/index.js';
import { standardTimelineSources } from '../timeline/index.js';
import { createDraftSource } from '../documents/index.js';
import { quoteTasks, scheduleQuoteExpiry } from '../quotes/index.js';
import {
  ChangeFeed,
  changeFeedCatchUp,
  createCollabEndpoint,
  isChangeFeedTopic,
  MemberSockets,
  realtimeSubscribeOnlyArguments,
} from '../realtime/index.js';
import { createRecordStore, type RecordHooks } from '../records/index.js';
import {
  fileRecordHooks,
  fileRefLoader,
  filesTasks,
  openFileStore,
  readStoredFile,
  scheduleFilesPurge,
} from '../files/index.js';
import {
  installInTransaction,
  templateForNewWorkspace,
  templateLineSources,
  templateTasks,
} from '../templates/index.js';
import { deliverTask, deliverWebhook, webhookConsumer } from '../webhooks/index.js';
import { recordFormLink, webFormActorName } from '../webforms/index.js';
import { importTasks, startImports } from '../imports/index.js';
import { createContext, socketCredentials, type AppContext } from './context.js';
import { appAutomation, appChangeConsumers } from './consumers.js';
import { buildCoreSchema } from './core-schema.js';
import { ReportRollups, reportTasks, ReportWatch, RollupWarmer, WidgetPush } from '../reports/index.js';
import { openAppDatabase, workspaceSchemaParts } from './database.js';
import { createGraphQLServers } from './graphql-servers.js';
import { createHttpHandler } from './http-app.js';
import { operationLimits } from './protection.js';
import { memberName, type AppServices } from './services.js';

export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  services: AppServices;
  /** The event bus to the other processes (tests read whether it is alone). */
  eventBus: EventBusHandle;
  /** Sockets counted per user, over both WebSocket doors (tests read it). */
  userSockets: UserSockets;
  /** Stops accepting, drains requests and sockets, then closes the database. */
  close(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = await openAppDatabase(config, logger);
  const eventBus = createEventBus({
    redisUrl: config.redisUrl,
    databaseUrl: database.url,
    logger,
    catchUp: changeFeedCatchUp,
    coalesce: isChangeFeedTopic,
    counted: (topic) => topic.startsWith(`${callerProcessRoutingKey}:`),
  });
  try {
    await eventBus.ready;
    return await serve(config, logger, database, eventBus);
  } catch (error) {
    await eventBus.close();
    await database.close();
    throw error;
  }
}

async function serve(
  config: Config,
  logger: Logger,
  database: Database,
  eventBus: EventBusHandle,
): Promise<RunningServer> {
  const { orm } = database;
  const events = eventBus.bus;
  const changeFeed = new ChangeFeed(orm, events, logger, () => eventBus.alone());
  const accessCache = new AccessCache(orm, events, logger);
  const reportWatch = new ReportWatch(changeFeed, logger, { share: config.reportRefreshShare });
  const reportRollups = config.reportRollups.max
    ? new ReportRollups(config.reportRollups, logger)
    : undefined;
  // Bound to the collab endpoint's hooks below: the endpoint itself needs the store.
  const collabHooks: RecordHooks = {};
  const metadataCache = new MetadataCache();
  const reportWarmer = reportRollups
    ? new RollupWarmer({
        orm,
        rollups: reportRollups,
        metadataCache,
        filterLimits: config.filterLimits,
        events,
        logger,
        max: config.reportRollups.max,
      })
    : undefined;
  reportWatch.pushResults(
    new WidgetPush(
      { orm, metadataCache, filterLimits: config.filterLimits, rollups: reportRollups, logger },
      reportWatch,
    ),
  );
  // Links in mail point at PUBLIC_URL, else where this server listens (known once it does).
  let listeningAt = '';
  const linkBase = () => (config.publicUrl ?? listeningAt).replace(/\/$/, '');
  const reminders = createReminders({
    orm,
    events,
    logger,
    metadataCache,
    recordAccess: accessCache,
    lateAfterMs: config.worker.reminderLateAfterMs,
  });
  const fileStore = await openFileStore(config.files);
  const mailSender = createMailSender({
    orm,
    logger,
    settings: config.mail,
    events,
    readFile: (workspaceId, fileId) => readStoredFile(orm.em.fork(), fileStore, workspaceId, fileId),
  });
  // The store is made below (its hooks include the automation's consumer): read when a job runs.
  const automation = appAutomation({ orm, logger, metadataCache, records: () => store });
  const formLink: AutomationRunServices['formLink'] = (em, request) =>
    recordFormLink(em, { ...request, base: linkBase() });
  const webhooks = webhookConsumer({ orm, events, logger, store: () => store });
  const leadRating = createLeadRating({ orm, logger, metadataCache, emailsAnswered: countAnsweredMail });
  const matching = createMatching({ orm, logger, events, metadataCache, recordAccess: accessCache });
  const consumers = appChangeConsumers({ orm, logger, metadataCache }, [
    automation.consumer,
    webhooks,
    leadRating.consumer,
    matching.consumer,
  ]);
  const files = { ...config.files, store: fileStore };
  const templatePhotos = {
    store: fileStore,
    maxFileBytes: config.files.maxFileBytes,
    allowedHosts: config.files.importAllowedHosts,
  };
  const store = createRecordStore([
    stageHooks,
    fileRecordHooks,
    changeFeed.recordHooks,
    reminders.recordHooks,
    assignmentHooks({ orm, events, recordAccess: accessCache }),
    collabHooks,
    auditRecordHooks,
    consumers.recordHooks,
  ]);
  const inboundMail = createInboundMail({
    orm,
    logger,
    events,
    metadataCache,
    records: () => store,
    settings: config.inbound,
    fireTrigger: fireExternalTrigger,
    replyLogged: (em, event) => leadRating.emailAnswered(em, event),
  });
  const core = await buildCoreSchema(events);
  const graphql = await createGraphQLServers(core, store, config, logger);
  // A new workspace gets its record schema and standard objects and, on sign-up with a
  // template, that template with its sample data, all in the creating transaction.
  const workspaceCreated: WorkspaceCreatedHook = async (em, { id, ownerId, template }) => {
    await provisionWorkspace(em, id, workspaceSchemaParts);
    if (!template) return;
    const found = await templateForNewWorkspace(config.templatesDir, template.key, template.path);
    await installInTransaction(em, services, id, found, {
      withSampleData: true,
      actorId: ownerId,
      newWorkspace: true,
    });
  };
  const databaseAt = new URL(database.url);
  const rateLimits = new RateLimits(
    config.redisUrl
      ? { redisUrl: config.redisUrl, namespace: `${databaseAt.host}${databaseAt.pathname}`, logger }
      : undefined,
  );
  const authLimiter = new AuthRateLimiter(
    { authPerMinute: config.authRateLimit, workspacesPerHour: config.workspaceCreateLimit },
    rateLimits,
  );
  const callers = new CallerCache({
    bus: events,
    link: eventBus.link,
    delivered: eventBus.delivered,
    fence: eventBus.fence,
    members: eventBus.members,
    logger,
  });
  const services: AppServices = {
    events,
    changeFeed,
    changeEventAccess: accessCache,
    recordAccess: accessCache,
    metadataViews: accessCache,
    // Line sources computed by a module (quotes) plug in here; relations need none. Templates
    // check their documents against the same list.
    lineSources: templateLineSources,
    // Drafts live on /collab: bound to the endpoint, created below.
    drafts: {
      read: (draft) => collab.drafts.read(draft),
      replace: (draft, text) => collab.drafts.replace(draft, text),
    },
    reportWatch,
    reportRollups,
    reportWarmer,
    records: store,
    filterLimits: config.filterLimits,
    logger,
    identity: {
      sessionTtlDays: config.sessionTtlDays,
      cookieSecure: config.cookieSecure,
      passwordHashCost: config.passwordHashCost,
      twoFactorKey: config.twoFactorKey,
      twoFactorIssuer: config.twoFactorIssuer,
      publicUrl: config.publicUrl,
    },
    sso: { ...config.sso, publicBase: linkBase },
    audit: {
      record: (db, ctx, { actorUserId, ...entry }) =>
        recordAudit(db, {
          ...entry,
          action: entry.action as AuditAction,
          by: { ...actorOf(ctx), ...(actorUserId ? { userId: actorUserId } : {}) },
        }),
      signIn: auditedSignIn,
    },
    auditSettings: { retentionDays: config.auditRetentionDays },
    metadataChanged: describeMetadataChange,
    authLimiter,
    rateLimits,
    workspaceCreated,
    callers,
    timeZoneChanged: async (em, userId) => {
      await reminders.timeZoneChanged(em, userId);
      await ownerTimeZoneChanged(em, userId);
    },
    schemaConflicts: graphql.schemaConflicts,
    templatesDir: config.templatesDir,
    metadataCache,
    automationTimeTriggers: automation.timeTriggers,
    webhookConfig: config.webhooks,
    formLink,
    webhookConsumer: webhooks,
    importConfig: config.imports,
    files,
    fileRefs: fileRefLoader(files),
    templatePhotos,
    mail: {
      from: config.mail.from,
      serverConfigured: mailSender.configured,
      maxAttachmentBytes: config.mail.maxAttachmentBytes,
    },
    mailCatcher: mailSender.catcher,
    inboundMail: inboundMail.services,
    campaigns: { linkBase },
    accountMail: {
      queue: async (em, message) => void (await queueMail(em, message)),
      link: (path, query) => `${linkBase()}${path}?${new URLSearchParams(query).toString()}`,
    },
    // Other modules' sources (e-mails…) are added to this list; ties show in this order.
    timelineSources: [
      ...standardTimelineSources,
      commentTimelineSource(events),
      automationTimelineSource,
      emailTimelineSource(events),
      inboundMail.timelineSource,
      // A merge's survivor keeps the merged records' field changes and stage moves.
      ...standardTimelineSources
        .filter((s) => s.name === 'changes' || s.name === 'stages')
        .map(mergedHistorySource),
      mergeTimelineSource,
    ],
    actorName: async (em, workspaceId, actorId) =>
      (await memberName(em, workspaceId, actorId)) ??
      (await automationActorName(em, workspaceId, actorId)) ??
      webFormActorName(em, workspaceId, actorId),
    publicBaseUrl: linkBase,
    // The endpoint is made below, after the services it serves; called only once it exists.
    privacyDocuments: {
      eraseRecordHistory: (...args) => collab.eraseRecordHistory(...args),
      eraseDraftHistory: (...args) => collab.eraseDraftHistory(...args),
    },
  };
  const liveCredentials = new LiveCredentials(events, logger);
  const memberSockets = new MemberSockets(events, logger);
  const limits = config.websocket;
  const userSockets = new UserSockets(limits.maxSocketsPerUser);
  const httpServer = http.createServer(createHttpHandler(config, logger, orm, services, graphql));
  const graphqlWs = createGraphQLWsEndpoint<AppContext>({
    validationRules: graphql.validationRules,
    guard: graphql.guard,
    maxTokens: operationLimits.maxTokens,
    maxOperationsPerSocket: limits.maxSubscriptionsPerSocket,
    formatErrors: graphql.formatErrors,
    scopeOf: (context) =>
      context.caller?.workspace
        ? `${context.caller.workspace.id}:${context.caller.workspace.role}`
        : undefined,
    subscribeOnlyArguments: realtimeSubscribeOnlyArguments,
    onConnect: async (ctx) => {
      const credentials = socketCredentials(ctx);
      const socket = ctx.extra.socket;
      const close = (code: CloseCode, reason: string) => socket.close(code, closeReason(reason));
      if (!credentials.bearerToken && !credentials.sessionSecret) {
        return close(
          CloseCode.Unauthenticated,
          'Unauthenticated: send a session cookie or connectionParams.token',
        );
      }
      try {
        const context = await createContext(orm, services, credentials, ctx.extra.request, '', 'ws');
        const { caller } = context;
        if (!caller)
          return close(CloseCode.Unauthenticated, 'Unauthenticated: the session has expired; sign in again');
        if (caller.workspaceRefusal)
          return close(CloseCode.Forbidden, `Forbidden: ${caller.workspaceRefusal}`);
        if (caller.workspace?.twoFactorMissing)
          return close(CloseCode.Forbidden, `Forbidden: ${new TwoFactorRequired().message}`);
        if (!userSockets.admit(caller.user.id, socket)) {
          return close(
            CloseCode.TooManySockets,
            `Too many connections: at most ${limits.maxSocketsPerUser} per user; close another first.`,
          );
        }
        const forgetCredentials = liveCredentials.track(caller, () =>
          close(CloseCode.Unauthenticated, 'Unauthenticated: the session ended or the token was revoked'),
        );
        const forgetMembership = caller.workspace
          ? memberSockets.track(caller.workspace.id, caller.user.id, () =>
              close(CloseCode.Forbidden, 'Forbidden: you are no longer a member of this workspace'),
            )
          : () => undefined;
        socket.once('close', () => {
          forgetCredentials();
          forgetMembership();
        });
      } catch (error) {
        if (error instanceof AppError)
          return close(CloseCode.Unauthenticated, `Unauthenticated: ${error.message}`);
        throw error;
      }
    },
    // Authenticated again for every operation, so a revoked token or a changed role counts at once.
    prepare: async (ctx) => {
      const request = ctx.extra.request;
      const address = request.socket.remoteAddress ?? 'unknown';
      const context = await createContext(orm, services, socketCredentials(ctx), request, address, 'ws');
      const { schema } = await graphql.schemas.forWorkspace(context, context.caller);
      return { context, schema };
    },
  });
  const collab = createCollabEndpoint({
    orm,
    store,
    logger,
    recordAccess: accessCache,
    metadataCache,
    drafts: createDraftSource({ records: store, recordAccess: accessCache }),
    events,
    liveCredentials,
    userSockets,
    limits,
    redisUrl: config.redisUrl,
  });
  Object.assign(collabHooks, collab.recordHooks);
  attachUpgradeRouter(
    httpServer,
    { '/graphql': graphqlWs, '/collab': collab },
    {
      allowUpgrade: createOriginCheck({ publicUrl: config.publicUrl, allowedOrigins: limits.allowedOrigins }),
    },
  );

  // Before the first request: a write enqueues into the job queue's tables, and queued mail says
  // whether a server will send it.
  await mailSender.announce();
  if (!mailSender.configured) logger.warn('no mail server configured (SMTP_URL): mail stays queued');
  const jobs = await startJobQueue({
    databaseUrl: database.url,
    logger,
    ...config.worker,
    tasks: {
      ...reminders.tasks,
      ...mailSender.tasks,
      ...inboundMail.tasks,
      ...campaignTasks({ orm, logger, metadataCache, events }),
      ...consumers.tasks,
      ...reportTasks(orm, accessCache),
      ...auditTasks(orm, config.auditRetentionDays),
      ...filesTasks({ orm, store: fileStore, afterDays: config.files.purgeAfterDays }),
      ...automation.tasks(services),
      ...leadRating.tasks(() => store),
      ...matching.tasks,
      ...quoteTasks({ orm, events }),
      [deliverTask]: deliverWebhook({ orm, events, logger, config: config.webhooks }),
      ...importTasks({ orm, events, logger, metadataCache, records: () => store, config: config.imports }),
      ...templateTasks({ orm, logger, metadataCache, records: () => store, photos: templatePhotos }),
    },
  });
  await consumers.start();
  await startImports({ orm });
  await leadRating.start();
  await schedulePurge(orm.em.fork());
  await scheduleFilesPurge(orm.em.fork(), config.files.purgeAfterDays);
  await scheduleQuoteExpiry(orm.em.fork());
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  }).catch(async (error: unknown) => {
    await jobs.close();
    throw error;
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  listeningAt = url;
  logger.info({ url }, 'server listening');
  // In the background, one at a time: neither start-up nor readiness waits for it.
  reportWarmer?.start();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    database,
    services,
    eventBus,
    userSockets,
    close: () =>
      (closing ??= (async () => {
        const drained = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // A keep-alive connection turns idle once its in-flight request is answered; close it then.
        const idleSweep = setInterval(() => httpServer.closeIdleConnections(), 50);
        httpServer.closeIdleConnections();
        await graphqlWs.close();
        await collab.close();
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
        await Promise.race([drained, timeout]);
        clearInterval(idleSweep);
        httpServer.closeAllConnections();
        await reportWarmer?.close();
        await jobs.close();
        await consumers.close();
        mailSender.close();
        changeFeed.close();
        accessCache.close();
        await webhooks.close();
        memberSockets.close();
        await graphql.schemas.close();
        await graphql.schemas.core.server.stop();
        await liveCredentials.close();
        await callers.close();
        await rateLimits.close();
        await eventBus.close();
        fileStore.close();
        await database.close();
        logger.info('server stopped');
      })()),
  };
}
