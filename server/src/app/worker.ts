import { createReminders } from '../activities/index.js';
import { startJobQueue } from '../jobs/index.js';
import { createMailSender } from '../mail/index.js';
import { MetadataCache } from '../metadata/index.js';
import { createEventBus, type Config, type Logger } from '../platform/index.js';
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
    const reminders = createReminders({
      orm: database.orm,
      events: eventBus.bus,
      logger,
      metadataCache: new MetadataCache(),
    });
    const mailSender = createMailSender({ orm: database.orm, logger, settings: config.mail });
    await mailSender.announce();
    const jobs = await startJobQueue({
      databaseUrl: database.url,
      logger,
      mode: 'inline',
      concurrency: config.worker.concurrency,
      tasks: { ...reminders.tasks, ...mailSender.tasks },
    });
    return {
      close: async () => {
        await jobs.close();
        mailSender.close();
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
