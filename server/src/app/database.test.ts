import 'reflect-metadata';
import type { MigrationObject } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { appMigrations, inOrder, workspaceSchemaSql } from './database.js';

const migration = (name: string): MigrationObject => ({ name, class: class {} as MigrationObject['class'] });

describe('the app database', () => {
  it('applies the modules’ migrations in the order the first release stored them', () => {
    expect(appMigrations.map((m) => m.name)).toEqual([
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
    ]);
  });

  it('refuses a module migration missing from the order, or an order naming no migration', () => {
    const a = migration('A');
    const b = migration('B');
    expect(inOrder(['B', 'A'], [a, b])).toEqual([b, a]);
    expect(() => inOrder(['A'], [a, b])).toThrow(/missing from the order: B/);
    expect(() => inOrder(['A', 'C'], [a])).toThrow(/No module owns the migration C/);
    expect(() => inOrder(['A'], [a, a])).toThrow(/same name/);
  });

  it('gives a new workspace schema the change log and the stage history', () => {
    const sql = workspaceSchemaSql('ws_1');
    expect(sql[0]).toBe('create schema "ws_1"');
    expect(sql.some((s) => s.startsWith('create table "ws_1"."record_change"'))).toBe(true);
    expect(sql.some((s) => s.includes('"ws_1"."stage_history"'))).toBe(true);
  });
});
