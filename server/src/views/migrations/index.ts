import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122200000Views } from './20261122200000-views.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const viewMigrations: MigrationObject[] = [
  { name: 'Migration20261122200000Views', class: Migration20261122200000Views },
];
