import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202190000ChangeLogXid } from './20261202190000-change-log-xid.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const recordMigrations: MigrationObject[] = [
  { name: 'Migration20261202190000ChangeLogXid', class: Migration20261202190000ChangeLogXid },
];
