import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123120000TemplateInstalls } from './20261123120000-template-installs.js';
import { Migration20261206030000TemplatePhotoImports } from './20261206030000-template-photo-imports.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const templateMigrations: MigrationObject[] = [
  { name: 'Migration20261123120000TemplateInstalls', class: Migration20261123120000TemplateInstalls },
  { name: 'Migration20261206030000TemplatePhotoImports', class: Migration20261206030000TemplatePhotoImports },
];
