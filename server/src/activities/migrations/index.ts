import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203020000RemindersNotifications } from './20261203020000-reminders-notifications.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const activitiesMigrations: MigrationObject[] = [
  {
    name: 'Migration20261203020000RemindersNotifications',
    class: Migration20261203020000RemindersNotifications,
  },
];
