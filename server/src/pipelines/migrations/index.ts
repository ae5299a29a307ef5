import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122201000Pipelines } from './20261122201000-pipelines.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const pipelineMigrations: MigrationObject[] = [
  { name: 'Migration20261122201000Pipelines', class: Migration20261122201000Pipelines },
];
