import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122180000Identity } from './20261122180000-identity.js';
import { Migration20261122181000ApiTokensInvitations } from './20261122181000-api-tokens-invitations.js';
import { Migration20261122190000Metadata } from './20261122190000-metadata.js';
import { Migration20261122201000Pipelines } from './20261122201000-pipelines.js';
import { Migration20261123090000CollabDocuments } from './20261123090000-collab-documents.js';
import { Migration20261122200000Views } from './20261122200000-views.js';
import { Migration20261123120000TemplateInstalls } from './20261123120000-template-installs.js';
import { Migration20261202190000ChangeLogXid } from './20261202190000-change-log-xid.js';
import { Migration20261203020000RemindersNotifications } from './20261203020000-reminders-notifications.js';

/** In order of application; names are stored in the database, never rename one. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122180000Identity', class: Migration20261122180000Identity },
  { name: 'Migration20261122181000ApiTokensInvitations', class: Migration20261122181000ApiTokensInvitations },
  { name: 'Migration20261122190000Metadata', class: Migration20261122190000Metadata },
  { name: 'Migration20261122201000Pipelines', class: Migration20261122201000Pipelines },
  { name: 'Migration20261123090000CollabDocuments', class: Migration20261123090000CollabDocuments },
  { name: 'Migration20261122200000Views', class: Migration20261122200000Views },
  { name: 'Migration20261123120000TemplateInstalls', class: Migration20261123120000TemplateInstalls },
  { name: 'Migration20261202190000ChangeLogXid', class: Migration20261202190000ChangeLogXid },
  {
    name: 'Migration20261203020000RemindersNotifications',
    class: Migration20261203020000RemindersNotifications,
  },
];
