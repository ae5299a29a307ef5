import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205040000PermissionProfiles } from './20261205040000-permission-profiles.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const accessMigrations: MigrationObject[] = [
  { name: 'Migration20261205040000PermissionProfiles', class: Migration20261205040000PermissionProfiles },
];
