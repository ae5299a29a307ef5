import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203120000Imports } from './20261203120000-imports.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const importMigrations: MigrationObject[] = [
  { name: 'Migration20261203120000Imports', class: Migration20261203120000Imports },
];
