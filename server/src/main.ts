// Sets NODE_ENV before graphql loads, so it must come first and on its own.
// eslint-disable-next-line no-restricted-imports
import './platform/node-env.js';
import 'reflect-metadata';
import { ensureDemoWorkspace, startServer } from './app/index.js';
import { ConfigError, createLogger, loadConfig } from './platform/index.js';

/** `node dist/main.js [--demo]`: configuration comes only from the environment. */
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
  const starting = startServer(config, logger);

  // Listening from the start, so a signal during a slow first start still stops the database.
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
  // SIGHUP too: a closed terminal must not leave the embedded PostgreSQL running.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  const server = await starting;

  if (process.argv.includes('--demo')) {
    const login = await ensureDemoWorkspace(server.database.orm, config.dataDir, server.services);
    process.stdout.write(
      `\n  CRM is running at ${server.url}\n` +
        `  Demo login: ${login.email} / ${login.password} (workspace “${login.workspace}”)\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
