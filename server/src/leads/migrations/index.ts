import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203121000RatingModels } from './20261203121000-rating-models.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const leadMigrations: MigrationObject[] = [
  { name: 'Migration20261203121000RatingModels', class: Migration20261203121000RatingModels },
];
