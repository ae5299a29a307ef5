import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203130000MailInbound } from './20261203130000-mail-inbound.js';

/** Inbound mail's migrations, oldest first; app/database.ts sets the order of application. */
export const inboundMigrations: MigrationObject[] = [
  { name: 'Migration20261203130000MailInbound', class: Migration20261203130000MailInbound },
];
