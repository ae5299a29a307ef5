import { createLogger, loadConfig, startServer, type RunningServer } from '@crm/server';
import { newDatabase } from './database.js';

export interface TestServer {
  url: string;
  wsUrl: string;
  databaseUrl: string;
  server: RunningServer;
  close(): Promise<void>;
}

/** A real server in this process on port 0 with its own database. */
export async function newServer(env: Record<string, string> = {}): Promise<TestServer> {
  const databaseUrl = env.DATABASE_URL ?? (await newDatabase());
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_RATE_LIMIT: '10000',
    WORKSPACE_CREATE_LIMIT: '10000',
    NODE_ENV: 'test',
    ...env,
    DATABASE_URL: databaseUrl,
  });
  const server = await startServer(config, createLogger(config.logLevel));
  return {
    url: server.url,
    wsUrl: server.url.replace(/^http/, 'ws') + '/graphql',
    databaseUrl,
    server,
    close: () => server.close(),
  };
}
