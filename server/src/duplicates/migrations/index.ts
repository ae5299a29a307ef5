import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203120000Duplicates } from './20261203120000-duplicates.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const duplicateMigrations: MigrationObject[] = [
  { name: 'Migration20261203120000Duplicates', class: Migration20261203120000Duplicates },
];
