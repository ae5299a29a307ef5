import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123090000CollabDocuments } from './20261123090000-collab-documents.js';
import { Migration20261204090000CollabRecordState } from './20261204090000-collab-record-state.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const realtimeMigrations: MigrationObject[] = [
  { name: 'Migration20261123090000CollabDocuments', class: Migration20261123090000CollabDocuments },
  { name: 'Migration20261204090000CollabRecordState', class: Migration20261204090000CollabRecordState },
];
