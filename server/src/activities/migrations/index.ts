import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203020000RemindersNotifications } from './20261203020000-reminders-notifications.js';
import { Migration20261203060000NotificationSources } from './20261203060000-notification-sources.js';
import { Migration20261203100100AutomationNotifications } from './20261203100100-automation-notifications.js';
import { Migration20261203110200NotificationDigest } from './20261203110200-notification-digest.js';
import { Migration20261210000400NotificationCreatedXid } from './20261210000400-notification-created-xid.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const activitiesMigrations: MigrationObject[] = [
  {
    name: 'Migration20261203020000RemindersNotifications',
    class: Migration20261203020000RemindersNotifications,
  },
  {
    name: 'Migration20261203060000NotificationSources',
    class: Migration20261203060000NotificationSources,
  },
  {
    name: 'Migration20261203100100AutomationNotifications',
    class: Migration20261203100100AutomationNotifications,
  },
  { name: 'Migration20261203110200NotificationDigest', class: Migration20261203110200NotificationDigest },
  {
    name: 'Migration20261210000400NotificationCreatedXid',
    class: Migration20261210000400NotificationCreatedXid,
  },
];
