import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261210000000LiveItemXids } from './20261210000000-live-item-xids.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const timelineMigrations: MigrationObject[] = [
  { name: 'Migration20261210000000LiveItemXids', class: Migration20261210000000LiveItemXids },
];
