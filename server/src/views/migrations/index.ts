import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122200000Views } from './20261122200000-views.js';
import { Migration20261208002000ViewTranslations } from './20261208002000-view-translations.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const viewMigrations: MigrationObject[] = [
  { name: 'Migration20261122200000Views', class: Migration20261122200000Views },
  { name: 'Migration20261208002000ViewTranslations', class: Migration20261208002000ViewTranslations },
];
