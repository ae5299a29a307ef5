import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261207040000Matching } from './20261207040000-matching.js';
import { Migration20261210000500MatchPairChangedXid } from './20261210000500-match-pair-changed-xid.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const matchingMigrations: MigrationObject[] = [
  { name: 'Migration20261207040000Matching', class: Migration20261207040000Matching },
  {
    name: 'Migration20261210000500MatchPairChangedXid',
    class: Migration20261210000500MatchPairChangedXid,
  },
];
