import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205090000Documents } from './20261205090000-documents.js';
import { Migration20261206020000DocumentDrafts } from './20261206020000-document-drafts.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const documentMigrations: MigrationObject[] = [
  { name: 'Migration20261205090000Documents', class: Migration20261205090000Documents },
  { name: 'Migration20261206020000DocumentDrafts', class: Migration20261206020000DocumentDrafts },
];
