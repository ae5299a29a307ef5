import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedPostgres } from '@crm/server/embedded-postgres';
import { freePort } from './process.js';

/**
 * An embedded PostgreSQL in a temporary folder for one run: its superuser URL, and a stop that
 * removes it. Loaded without embedded-postgres's exit hooks (they would turn a failing run's
 * exit code into 0).
 */
export async function startThrowawayPostgres(
  prefix: string,
  postgresFlags: string[] = [],
): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  // As root, embedded-postgres runs the server as a `postgres` user, who must reach the folder.
  await chmod(dir, 0o755);
  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
