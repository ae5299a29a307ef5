import {
  ReflectMetadataProvider,
  type Constructor,
  type EventSubscriber,
  type MigrationObject,
} from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Config } from './config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import type { Logger } from './logger.js';

export interface Database {
  orm: MikroORM;
  url: string;
  close(): Promise<void>;
}

/** Arbitrary but fixed: serialises migrations when several processes start at once. */
const migrationLockKey = 4_202_611;

/** What the app's database holds: the entities it maps and the migrations, in order of application. */
export interface DatabaseParts {
  entities: Constructor[];
  /** Told of the entities' writes as each flush makes them. */
  subscribers?: EventSubscriber[];
  /** Names are stored in the database: never rename or reorder one. */
  migrations: MigrationObject[];
}

/** Where the database is; without a page cost, the default one. */
export type DatabaseConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'> &
  Partial<Pick<Config, 'databasePageCost'>>;

/**
 * PostgreSQL's planner prices a page read at 1 (4 out of sequence) against 0.01 for a row's
 * CPU, as if pages came from disk. A CRM's working set is cached, and with those prices the
 * planner walks a sort's index past thousands of rows that fail the filter rather than read
 * the few hundred that pass and sort them (3× slower measured: docs/benchmarks.md, "Eleventh
 * cut"). PostgreSQL's documentation advises both costs equal and as low as 0.1 for a database
 * held in memory; DATABASE_PAGE_COST=server keeps the server's own.
 */
export const defaultPageCost = 0.1;

/** Knex's `afterCreate`: sets the page costs on each new connection of the pool. */
function pageCostSetter(configured: number | null | undefined) {
  // null: DATABASE_PAGE_COST=server; undefined: opened without the setting (tests, tools).
  const cost = configured === undefined ? defaultPageCost : configured;
  if (cost === null) return undefined;
  // A number from the configuration (validated), never user input.
  const statement = `set seq_page_cost = ${cost}; set random_page_cost = ${cost}`;
  return (connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void): void => {
    connection.query(statement).then(
      () => done(null, connection),
      (error: Error) => done(error, connection),
    );
  };
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL, then applies pending
 * migrations. Applying them again on an up-to-date database does nothing.
 */
export async function openDatabase(
  config: DatabaseConfig,
  { entities, subscribers = [], migrations }: DatabaseParts,
  logger: Logger,
): Promise<Database> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, logger);
  const url = config.databaseUrl ?? embedded!.url;
  try {
    await runMigrations(url, migrations, logger);
    const orm = await MikroORM.init({
      clientUrl: url,
      entities,
      subscribers,
      metadataProvider: ReflectMetadataProvider,
      discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
      allowGlobalContext: false,
      ensureDatabase: false,
      pool: { min: 0, max: 10, afterCreate: pageCostSetter(config.databasePageCost) },
      // Statements at debug level only, and never with their parameters ('query-params' stays off).
      debug: logger.isLevelEnabled('debug') ? ['query'] : false,
      colors: false,
      logger: (message) => logger.debug({ orm: message }, 'orm'),
    });
    return {
      orm,
      url,
      close: async () => {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * Applies the pending ones of `migrations` (the order of application) with the migrator on its
 * own short-lived ORM, under a PostgreSQL advisory lock. Returns the names applied.
 */
export async function runMigrations(
  url: string,
  migrations: MigrationObject[],
  logger: Logger,
  options: { to?: string } = {},
): Promise<string[]> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [migrationLockKey]);
    const orm = await MikroORM.init({
      clientUrl: url,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      extensions: [Migrator],
      migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false },
      allowGlobalContext: true,
      logger: (message) => logger.trace({ orm: message }, 'orm'),
    });
    try {
      const applied = await orm.getMigrator().up(options.to ? { to: options.to } : undefined);
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
      return applied.map((m) => m.name);
    } finally {
      await orm.close(true);
    }
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    await lock.end();
  }
}
