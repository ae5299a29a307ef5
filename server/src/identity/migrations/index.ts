import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122180000Identity } from './20261122180000-identity.js';
import { Migration20261122181000ApiTokensInvitations } from './20261122181000-api-tokens-invitations.js';
import { Migration20261203060000UserTimeZone } from './20261203060000-user-time-zone.js';
import { Migration20261203100000MemberAway } from './20261203100000-member-away.js';
import { Migration20261203110100AccountTokens } from './20261203110100-account-tokens.js';
import { Migration20261204110000TwoFactorSessions } from './20261204110000-two-factor-sessions.js';
import { Migration20261205020000Passkeys } from './20261205020000-passkeys.js';
import { Migration20261205010000SsoConnections } from './20261205010000-sso-connections.js';
import { Migration20261208000000UserLanguage } from './20261208000000-user-language.js';

/** This module's migrations, oldest first; app/migrations.ts sets the order of application. */
export const identityMigrations: MigrationObject[] = [
  { name: 'Migration20261122180000Identity', class: Migration20261122180000Identity },
  { name: 'Migration20261122181000ApiTokensInvitations', class: Migration20261122181000ApiTokensInvitations },
  { name: 'Migration20261203060000UserTimeZone', class: Migration20261203060000UserTimeZone },
  { name: 'Migration20261203100000MemberAway', class: Migration20261203100000MemberAway },
  { name: 'Migration20261203110100AccountTokens', class: Migration20261203110100AccountTokens },
  { name: 'Migration20261204110000TwoFactorSessions', class: Migration20261204110000TwoFactorSessions },
  { name: 'Migration20261205020000Passkeys', class: Migration20261205020000Passkeys },
  { name: 'Migration20261205010000SsoConnections', class: Migration20261205010000SsoConnections },
  { name: 'Migration20261208000000UserLanguage', class: Migration20261208000000UserLanguage },
];
