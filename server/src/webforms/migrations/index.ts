import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203120000WebForms } from './20261203120000-web-forms.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const webFormMigrations: MigrationObject[] = [
  { name: 'Migration20261203120000WebForms', class: Migration20261203120000WebForms },
];
