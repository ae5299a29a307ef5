import { afterAll, beforeAll } from 'vitest';
import { createLogger, loadConfig, startServer, type RunningServer } from '@crm/server';
import { newDatabase } from './database.js';

export interface TestServer {
  url: string;
  wsUrl: string;
  databaseUrl: string;
  server: RunningServer;
  close(): Promise<void>;
}

/** Where a test reads the server's JSON log lines (one `write` per line). */
export type LogDestination = NonNullable<Parameters<typeof createLogger>[1]>;

/** A real server in this process on port 0 with its own database; its logs to `logs` when given. */
export async function newServer(
  env: Record<string, string> = {},
  logs?: LogDestination,
): Promise<TestServer> {
  const databaseUrl = env.DATABASE_URL ?? (await newDatabase());
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_RATE_LIMIT: '10000',
    WORKSPACE_CREATE_LIMIT: '10000',
    NODE_ENV: 'test',
    // The hash is the slowest step of a sign-up; the tests sign up hundreds of people.
    // Production refuses a cost under 15.
    PASSWORD_HASH_COST: env.NODE_ENV === 'production' ? '15' : '10',
    ...env,
    DATABASE_URL: databaseUrl,
  });
  const server = await startServer(config, createLogger(config.logLevel, logs));
  return {
    url: server.url,
    wsUrl: server.url.replace(/^http/, 'ws') + '/graphql',
    databaseUrl,
    server,
    close: () => server.close(),
  };
}

/**
 * The server of a test file or `describe` block: started before its tests, closed after them.
 * The handle reads the running server, so it is taken once at the top and used in tests and hooks.
 * `env` as a function is read when the server starts, after the hooks registered before this call.
 */
export function useServer(env: Record<string, string> | (() => Record<string, string>) = {}): TestServer {
  let running: TestServer | undefined;
  beforeAll(async () => {
    running = await newServer(typeof env === 'function' ? env() : env);
  });
  afterAll(() => running?.close());
  const current = (): TestServer => {
    if (!running) throw new Error('useServer: the server starts in beforeAll; use it in tests and hooks.');
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get wsUrl() {
      return current().wsUrl;
    },
    get databaseUrl() {
      return current().databaseUrl;
    },
    get server() {
      return current().server;
    },
    close: () => current().close(),
  };
}
