import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203100300MailOutbox } from './20261203100300-mail-outbox.js';
import { Migration20261203110000MailSending } from './20261203110000-mail-sending.js';
import { Migration20261203120000MailTemplates } from './20261203120000-mail-templates.js';
import { Migration20261203130000MailCampaigns } from '../campaigns/migrations/20261203130000-mail-campaigns.js';
import { Migration20261203160000MailBounces } from '../campaigns/migrations/20261203160000-mail-bounces.js';
import { Migration20261210000200MailChangedXid } from './20261210000200-mail-changed-xid.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const mailMigrations: MigrationObject[] = [
  { name: 'Migration20261203100300MailOutbox', class: Migration20261203100300MailOutbox },
  { name: 'Migration20261203110000MailSending', class: Migration20261203110000MailSending },
  { name: 'Migration20261203120000MailTemplates', class: Migration20261203120000MailTemplates },
  { name: 'Migration20261203130000MailCampaigns', class: Migration20261203130000MailCampaigns },
  { name: 'Migration20261203160000MailBounces', class: Migration20261203160000MailBounces },
  { name: 'Migration20261210000200MailChangedXid', class: Migration20261210000200MailChangedXid },
];
