import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205040000PermissionProfiles } from './20261205040000-permission-profiles.js';
import { Migration20261205100000HolderIndexes } from './20261205100000-holder-indexes.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const accessMigrations: MigrationObject[] = [
  { name: 'Migration20261205040000PermissionProfiles', class: Migration20261205040000PermissionProfiles },
  { name: 'Migration20261205100000HolderIndexes', class: Migration20261205100000HolderIndexes },
];
