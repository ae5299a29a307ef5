import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261204120000AuditLog } from './20261204120000-audit-log.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const auditMigrations: MigrationObject[] = [
  { name: 'Migration20261204120000AuditLog', class: Migration20261204120000AuditLog },
];
