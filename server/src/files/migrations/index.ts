import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203150000Files } from './20261203150000-files.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const fileMigrations: MigrationObject[] = [
  { name: 'Migration20261203150000Files', class: Migration20261203150000Files },
];
