import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122190000Metadata } from './20261122190000-metadata.js';
import { Migration20261203102000AutomationWriters } from './20261203102000-automation-writers.js';
import { Migration20261208001000LabelTranslations } from './20261208001000-label-translations.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const metadataMigrations: MigrationObject[] = [
  { name: 'Migration20261122190000Metadata', class: Migration20261122190000Metadata },
  { name: 'Migration20261203102000AutomationWriters', class: Migration20261203102000AutomationWriters },
  { name: 'Migration20261208001000LabelTranslations', class: Migration20261208001000LabelTranslations },
];
