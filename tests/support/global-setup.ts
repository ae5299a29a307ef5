import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createLogger, loadConfig, startServer } from '@crm/server';
import { startThrowawayPostgres } from './throwaway-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL; each test file creates its own database with it. */
    adminDatabaseUrl: string;
    /** A database with every migration applied, which each test file's database is cloned from. */
    templateDatabase: string;
  }
}

/**
 * A throw-away server's durability settings: it lives for one run and is never crashed (tests
 * kill server processes, not PostgreSQL), so flushing to disk only costs the run time.
 */
const throwawayFlags = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

/** What the run's projects share: its PostgreSQL and migrated template, and how many projects use them. */
interface SharedDatabase {
  ready: Promise<{ adminUrl: string; template: string; stop: () => Promise<void> }>;
  users: number;
}

/**
 * Vitest runs this setup once per project (e2e, browser), each in its own module graph, one
 * after the other before any test starts. The first builds, the others reuse: one PostgreSQL
 * and one migration per run instead of one per project (each took seconds of the run's start,
 * while no test ran). Held on globalThis, which the projects' module graphs share.
 */
const sharedKey = Symbol.for('crm.tests.sharedDatabase');
const shared = globalThis as typeof globalThis & { [sharedKey]?: SharedDatabase };

/**
 * One PostgreSQL for the run (TEST_DATABASE_URL if set, else a throw-away embedded one) and a
 * template database migrated once: cloning it costs a file copy where migrating each file's
 * database cost seconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = (shared[sharedKey] ??= { ready: startDatabase(), users: 0 });
  database.users += 1;
  const { adminUrl, template, stop } = await database.ready;
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  return async () => {
    database.users -= 1;
    if (database.users > 0) return;
    delete shared[sharedKey];
    await stop();
  };
}

async function startDatabase(): Promise<{ adminUrl: string; template: string; stop: () => Promise<void> }> {
  const given = process.env.TEST_DATABASE_URL;
  const server = given
    ? { adminUrl: given, stop: async () => undefined }
    : await startThrowawayPostgres('crm-test-pg-', throwawayFlags);
  const template = `crm_test_template_${randomBytes(4).toString('hex')}`;
  await admin(server.adminUrl, `create database ${template}`);
  await migrateTemplate(server.adminUrl, template);
  return {
    adminUrl: server.adminUrl,
    template,
    stop: async () => {
      if (given) await admin(server.adminUrl, `drop database if exists ${template} with (force)`);
      await server.stop();
    },
  };
}

/** A real server started once on the template (migrations, job queue schema), then stopped. */
async function migrateTemplate(adminUrl: string, template: string): Promise<void> {
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    DATABASE_URL: url.toString(),
  });
  const server = await startServer(config, createLogger(config.logLevel));
  await server.close();
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
