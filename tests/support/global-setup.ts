import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedPostgres } from '@crm/server/embedded-postgres';
import type { TestProject } from 'vitest/node';
import { freePort } from './process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL; each test file creates its own database with it. */
    adminDatabaseUrl: string;
  }
}

/** One PostgreSQL for the run: TEST_DATABASE_URL if set, else a throw-away embedded one. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('adminDatabaseUrl', process.env.TEST_DATABASE_URL);
    return async () => undefined;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crm-test-pg-'));
  // As root, embedded-postgres runs the server as a `postgres` user, who must reach the folder.
  await chmod(dir, 0o755);
  const port = await freePort();
  // Loaded without its exit hooks: they would turn a failing run's exit code into 0.
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  project.provide('adminDatabaseUrl', `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
