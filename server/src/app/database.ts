import type { MigrationObject } from '@mikro-orm/core';
import { activitiesMigrations } from '../activities/index.js';
import { automationMigrations } from '../automation/index.js';
import { commentMigrations } from '../comments/index.js';
import { consumerMigrations } from '../consumers/index.js';
import { duplicateMigrations } from '../duplicates/index.js';
import { identityEntities, identityMigrations } from '../identity/index.js';
import { inboundMigrations, mailMigrations } from '../mail/index.js';
import { leadMigrations } from '../leads/index.js';
import { matchingMigrations } from '../matching/index.js';
import {
  createWorkspaceSchemaSql,
  metadataEntities,
  metadataMigrations,
  metadataWriteCounter,
  type WorkspaceSchemaPart,
} from '../metadata/index.js';
import { createStageHistorySql, pipelineMigrations } from '../pipelines/index.js';
import {
  openDatabase,
  runMigrations,
  type Database,
  type DatabaseConfig,
  type Logger,
} from '../platform/index.js';
import { realtimeMigrations } from '../realtime/index.js';
import { createChangeLogSql, recordMigrations } from '../records/index.js';
import { templateEntities, templateMigrations } from '../templates/index.js';
import { reportEntities, reportMigrations } from '../reports/index.js';
import { viewEntities, viewMigrations } from '../views/index.js';
import { webhookMigrations } from '../webhooks/index.js';
import { webFormMigrations } from '../webforms/index.js';
import { importMigrations } from '../imports/index.js';
import { fileMigrations } from '../files/index.js';
import { auditMigrations } from '../audit/index.js';
import { accessMigrations } from '../access/index.js';
import { quoteMigrations } from '../quotes/index.js';
import { documentMigrations } from '../documents/index.js';
import { timelineMigrations } from '../timeline/index.js';

/**
 * The order of application, by the names stored in the database. Never rename or reorder
 * one: a new migration goes last, whichever module owns it.
 */
const migrationOrder = [
  'Migration20261122180000Identity',
  'Migration20261122181000ApiTokensInvitations',
  'Migration20261122190000Metadata',
  'Migration20261122201000Pipelines',
  'Migration20261123090000CollabDocuments',
  'Migration20261122200000Views',
  'Migration20261123120000TemplateInstalls',
  'Migration20261202190000ChangeLogXid',
  'Migration20261203020000RemindersNotifications',
  'Migration20261203060000UserTimeZone',
  'Migration20261203060000NotificationSources',
  'Migration20261203061000Comments',
  'Migration20261203100000ChangeConsumers',
  'Migration20261203101000Automation',
  'Migration20261203102000AutomationWriters',
  'Migration20261203103000Webhooks',
  'Migration20261203100000MemberAway',
  'Migration20261203100100AutomationNotifications',
  'Migration20261203100200CommentAuthorLabel',
  'Migration20261203100300MailOutbox',
  'Migration20261203100400AutomationRotation',
  'Migration20261203110000MailSending',
  'Migration20261203110100AccountTokens',
  'Migration20261203110200NotificationDigest',
  'Migration20261203120000MailTemplates',
  'Migration20261203130000MailInbound',
  'Migration20261203120000Duplicates',
  'Migration20261203121000RatingModels',
  'Migration20261203120000WebForms',
  'Migration20261203120000Imports',
  'Migration20261203130000MailCampaigns',
  'Migration20261203120000Reports',
  'Migration20261203150000Files',
  'Migration20261203160000MailBounces',
  'Migration20261203190000DashboardReadAt',
  'Migration20261204090000CollabRecordState',
  'Migration20261204120000AuditLog',
  'Migration20261204110000TwoFactorSessions',
  'Migration20261205020000Passkeys',
  'Migration20261205010000SsoConnections',
  'Migration20261205040000PermissionProfiles',
  'Migration20261205080000QuotesInvoices',
  'Migration20261205100000HolderIndexes',
  'Migration20261205090000Documents',
  'Migration20261206010000QuoteExpiryIndex',
  'Migration20261206020000DocumentDrafts',
  'Migration20261206030000TemplatePhotoImports',
  'Migration20261207040000Matching',
  'Migration20261207070000InvoiceVersion',
  'Migration20261208000000UserLanguage',
  'Migration20261208001000LabelTranslations',
  'Migration20261208002000ViewTranslations',
  'Migration20261208020000LinePackages',
  'Migration20261209000000RuleFiresAfter',
  'Migration20261210000000LiveItemXids',
  'Migration20261210000100CommentChangedXid',
  'Migration20261210000200MailChangedXid',
  'Migration20261210000300QuoteInvoiceChangedXid',
  'Migration20261210000400NotificationCreatedXid',
  'Migration20261210000500MatchPairChangedXid',
];

/** Every module's migrations in `order`; throws when one is missing from it or unknown. */
export function inOrder(order: readonly string[], owned: readonly MigrationObject[]): MigrationObject[] {
  const byName = new Map(owned.map((m) => [m.name, m]));
  if (byName.size !== owned.length) throw new Error('Two migrations have the same name');
  const unlisted = owned.filter((m) => !order.includes(m.name)).map((m) => m.name);
  if (unlisted.length) throw new Error(`Migrations missing from the order: ${unlisted.join(', ')}`);
  return order.map((name) => byName.get(name) ?? fail(`No module owns the migration ${name}`));
}

function fail(message: string): never {
  throw new Error(message);
}

export const appMigrations = inOrder(migrationOrder, [
  ...identityMigrations,
  ...metadataMigrations,
  ...pipelineMigrations,
  ...realtimeMigrations,
  ...viewMigrations,
  ...templateMigrations,
  ...recordMigrations,
  ...activitiesMigrations,
  ...commentMigrations,
  ...consumerMigrations,
  ...automationMigrations,
  ...webhookMigrations,
  ...mailMigrations,
  ...inboundMigrations,
  ...duplicateMigrations,
  ...leadMigrations,
  ...webFormMigrations,
  ...importMigrations,
  ...reportMigrations,
  ...fileMigrations,
  ...auditMigrations,
  ...accessMigrations,
  ...quoteMigrations,
  ...documentMigrations,
  ...matchingMigrations,
  ...timelineMigrations,
]);

export const appEntities = [
  ...identityEntities,
  ...metadataEntities,
  ...viewEntities,
  ...templateEntities,
  ...reportEntities,
];

/** The tables each workspace's schema gets on creation, beside its object tables. */
export const workspaceSchemaParts: readonly WorkspaceSchemaPart[] = [
  createChangeLogSql,
  createStageHistorySql,
];

/** A new workspace schema: the statements that create it with every module's tables. */
export function workspaceSchemaSql(schema: string): string[] {
  return createWorkspaceSchemaSql(schema, workspaceSchemaParts);
}

/** The app's database, migrated: every module's entities and migrations. */
export function openAppDatabase(config: DatabaseConfig, logger: Logger): Promise<Database> {
  return openDatabase(
    config,
    { entities: appEntities, subscribers: [metadataWriteCounter], migrations: appMigrations },
    logger,
  );
}

/** Applies the app's pending migrations (up to `to`, when given); returns the names applied. */
export function migrate(url: string, logger: Logger, options: { to?: string } = {}): Promise<string[]> {
  return runMigrations(url, appMigrations, logger, options);
}
