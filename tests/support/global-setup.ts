import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './throwaway-postgres.js';

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
  const { adminUrl, stop } = await startThrowawayPostgres('crm-test-pg-');
  project.provide('adminDatabaseUrl', adminUrl);
  return stop;
}
