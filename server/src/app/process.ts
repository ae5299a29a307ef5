import { ConfigError, createLogger, loadConfig, type Config, type Logger } from '../platform/index.js';

/**
 * A process's life around what it starts: configuration from the environment (an invalid one
 * exits 2 naming the variable), the signals that stop it — listened to from the start, so a
 * signal during a slow first start still stops the embedded PostgreSQL; SIGHUP too, so a
 * closed terminal does not leave it running — and exit 1 when starting fails.
 */
export async function runProcess<T extends { close(): Promise<void> }>(
  start: (config: Config, logger: Logger) => Promise<T>,
): Promise<{ started: T; config: Config }> {
  let config: Config;
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
  const starting = start(config, logger);
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
  try {
    return { started: await starting, config };
  } catch (error) {
    process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
