import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203103000Webhooks } from './20261203103000-webhooks.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const webhookMigrations: MigrationObject[] = [
  { name: 'Migration20261203103000Webhooks', class: Migration20261203103000Webhooks },
];
