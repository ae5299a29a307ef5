import { AccessCache } from '../access/index.js';
import { assignmentHooks, createReminders } from '../activities/index.js';
import { auditRecordHooks, auditTasks } from '../audit/index.js';
import { fireExternalTrigger } from '../automation/index.js';
import { recordFormLink } from '../webforms/index.js';
import { startJobQueue } from '../jobs/index.js';
import { fileRecordHooks, filesTasks, openFileStore, readStoredFile } from '../files/index.js';
import { campaignTasks, countAnsweredMail, createInboundMail, createMailSender } from '../mail/index.js';
import { createLeadRating } from '../leads/index.js';
import { createMatching } from '../matching/index.js';
import { MetadataCache } from '../metadata/index.js';
import { createEventBus, type Config, type Logger } from '../platform/index.js';
import { stageHooks } from '../pipelines/index.js';
import { ChangeFeed } from '../realtime/index.js';
import { createRecordStore } from '../records/index.js';
import { quoteTasks } from '../quotes/index.js';
import { reportTasks } from '../reports/index.js';
import { deliverTask, deliverWebhook, webhookConsumer } from '../webhooks/index.js';
import { importTasks, startImports } from '../imports/index.js';
import { templateTasks } from '../templates/index.js';
import { appAutomation, appChangeConsumers } from './consumers.js';
import { openAppDatabase } from './database.js';

export interface RunningWorker {
  close(): Promise<void>;
}

/**
 * A process that only runs jobs (`pnpm worker`), beside API processes started with
 * WORKER=off. It shares their database, and their event bus to announce notifications.
 */
export async function startWorker(config: Config, logger: Logger): Promise<RunningWorker> {
  if (!config.databaseUrl)
    throw new Error('A separate worker needs DATABASE_URL: the database the API processes use.');
  const database = await openAppDatabase(config, logger);
  const eventBus = createEventBus({ redisUrl: config.redisUrl, databaseUrl: database.url, logger });
  try {
    await eventBus.ready;
    // Attachments are read from the same file store as the API processes' (their bucket, or a shared DATA_DIR).
    const fileStore = await openFileStore(config.files);
    const mailSender = createMailSender({
      orm: database.orm,
      logger,
      settings: config.mail,
      events: eventBus.bus,
      readFile: (workspaceId, fileId) =>
        readStoredFile(database.orm.em.fork(), fileStore, workspaceId, fileId),
    });
    await mailSender.announce();
    const metadataCache = new MetadataCache();
    // Permission profiles: what reminders, automation's notifications and scheduled reports tell whom.
    const recordAccess = new AccessCache(database.orm, eventBus.bus, logger);
    const reminders = createReminders({
      orm: database.orm,
      events: eventBus.bus,
      logger,
      metadataCache,
      recordAccess,
      lateAfterMs: config.worker.reminderLateAfterMs,
    });
    const { orm } = database;
    const events = eventBus.bus;
    const automation = appAutomation({ orm, logger, metadataCache, records: () => records });
    const webhooks = webhookConsumer({ orm, events, logger, store: () => records });
    const leadRating = createLeadRating({ orm, logger, metadataCache, emailsAnswered: countAnsweredMail });
    const matching = createMatching({ orm, logger, events, metadataCache, recordAccess });
    const consumers = appChangeConsumers({ orm, logger, metadataCache }, [
      automation.consumer,
      webhooks,
      leadRating.consumer,
      matching.consumer,
    ]);
    // Automation writes records here: the same hooks as the server's store, less the
    // collaborative documents' (an open document reloads on its next change).
    const changeFeed = new ChangeFeed(orm, events, logger, () => eventBus.alone());
    const records = createRecordStore([
      stageHooks,
      fileRecordHooks,
      changeFeed.recordHooks,
      reminders.recordHooks,
      assignmentHooks({ orm, events, recordAccess }),
      auditRecordHooks,
      consumers.recordHooks,
    ]);
    const settings = config.inbound;
    const inboundMail = createInboundMail({
      orm,
      logger,
      events,
      metadataCache,
      records: () => records,
      settings,
      fireTrigger: fireExternalTrigger,
      replyLogged: (em, event) => leadRating.emailAnswered(em, event),
    });
    const jobs = await startJobQueue({
      databaseUrl: database.url,
      logger,
      mode: 'inline',
      concurrency: config.worker.concurrency,
      tasks: {
        ...reminders.tasks,
        ...mailSender.tasks,
        ...inboundMail.tasks,
        ...campaignTasks({ orm, logger, metadataCache, events }),
        ...consumers.tasks,
        ...reportTasks(orm, recordAccess),
        ...auditTasks(orm, config.auditRetentionDays),
        ...filesTasks({ orm, store: fileStore, afterDays: config.files.purgeAfterDays }),
        ...automation.tasks({
          records,
          events,
          logger,
          metadataCache,
          recordAccess,
          webhookConfig: config.webhooks,
          // A worker does not listen: its links in mail need PUBLIC_URL.
          formLink: (em, request) => recordFormLink(em, { ...request, base: config.publicUrl ?? '' }),
        }),
        [deliverTask]: deliverWebhook({ orm, events, logger, config: config.webhooks }),
        ...leadRating.tasks(() => records),
        ...matching.tasks,
        ...quoteTasks({ orm, events }),
        ...importTasks({
          orm,
          events,
          logger,
          metadataCache,
          records: () => records,
          config: config.imports,
        }),
        ...templateTasks({
          orm,
          logger,
          metadataCache,
          records: () => records,
          photos: {
            store: fileStore,
            maxFileBytes: config.files.maxFileBytes,
            allowedHosts: config.files.importAllowedHosts,
          },
        }),
      },
    });
    await consumers.start();
    await startImports({ orm });
    await leadRating.start();
    return {
      close: async () => {
        await jobs.close();
        await consumers.close();
        mailSender.close();
        changeFeed.close();
        recordAccess.close();
        await webhooks.close();
        fileStore.close();
        await eventBus.close();
        await database.close();
        logger.info('worker stopped');
      },
    };
  } catch (error) {
    await eventBus.close();
    await database.close();
    throw error;
  }
}
