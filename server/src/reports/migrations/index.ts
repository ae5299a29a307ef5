import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203120000Reports } from './20261203120000-reports.js';
import { Migration20261203190000DashboardReadAt } from './20261203190000-dashboard-read-at.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const reportMigrations: MigrationObject[] = [
  { name: 'Migration20261203120000Reports', class: Migration20261203120000Reports },
  { name: 'Migration20261203190000DashboardReadAt', class: Migration20261203190000DashboardReadAt },
];
