import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123120000TemplateInstalls } from './20261123120000-template-installs.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const templateMigrations: MigrationObject[] = [
  { name: 'Migration20261123120000TemplateInstalls', class: Migration20261123120000TemplateInstalls },
];
