// Sets NODE_ENV before graphql loads, so it must come first and on its own.
// eslint-disable-next-line no-restricted-imports
import './platform/node-env.js';
import 'reflect-metadata';
import { startWorker } from './app/index.js';
import { ConfigError, createLogger, loadConfig } from './platform/index.js';

/** `node dist/worker.js`: runs durable jobs only, for API processes started with WORKER=off. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const starting = startWorker(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await (await starting).close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  await starting;
  process.stdout.write('Job worker running\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
