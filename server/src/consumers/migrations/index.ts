import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203100000ChangeConsumers } from './20261203100000-change-consumers.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const consumerMigrations: MigrationObject[] = [
  { name: 'Migration20261203100000ChangeConsumers', class: Migration20261203100000ChangeConsumers },
];
