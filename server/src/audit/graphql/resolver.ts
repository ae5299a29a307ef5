import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { auditLog, auditRetention, exportAuditLog, logRecordsExport, setAuditRetention } from '../log.js';
import type { AuditEntryRow } from '../query.js';
import type { AuditContext } from '../services.js';
import { AuditEntryType, AuditLogFilterInput, AuditLogPageType, AuditRetentionType } from './types.js';

@Resolver()
export class AuditResolver {
  @Query(() => AuditLogPageType, {
    description: 'The workspace’s audit log, newest first (admins and owners).',
  })
  async auditLog(
    @Arg('filter', () => AuditLogFilterInput, { nullable: true }) filter: AuditLogFilterInput | null,
    @Arg('first', () => Int, { defaultValue: 50, description: '1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AuditContext,
  ): Promise<AuditLogPageType> {
    const page = await auditLog(ctx, filter ?? {}, { first, after });
    return { ...page, nodes: page.nodes.map(toAuditEntry) };
  }

  @Mutation(() => String, {
    description:
      'The filtered audit log as CSV (newest first, up to 50,000 rows; admins and owners). A mutation: the export is itself audited.',
  })
  exportAuditLog(
    @Arg('filter', () => AuditLogFilterInput, { nullable: true }) filter: AuditLogFilterInput | null,
    @Ctx() ctx: AuditContext,
  ): Promise<string> {
    return exportAuditLog(ctx, filter ?? {});
  }

  @Mutation(() => Boolean, {
    description:
      'Logs a CSV export of records that the client built (the table’s export) in the audit log; any member.',
  })
  recordsExported(
    @Arg('objectKey', () => String) objectKey: string,
    @Arg('count', () => Int) count: number,
    @Arg('filter', () => JSONResolver, {
      nullable: true,
      validate: false,
      description: 'The filter the export applied.',
    })
    filter: unknown,
    @Ctx() ctx: AuditContext,
  ): Promise<boolean> {
    return logRecordsExport(ctx, { objectKey, count, filter });
  }

  @Query(() => AuditRetentionType, { description: 'How long the audit log is kept (admins and owners).' })
  auditRetention(@Ctx() ctx: AuditContext): Promise<AuditRetentionType> {
    return auditRetention(ctx);
  }

  @Mutation(() => AuditRetentionType, {
    description:
      'Sets how many days this workspace keeps its audit log, or null for the server’s default (owners).',
  })
  setAuditRetention(
    @Arg('days', () => Int, { nullable: true }) days: number | null,
    @Ctx() ctx: AuditContext,
  ): Promise<AuditRetentionType> {
    return setAuditRetention(ctx, days);
  }
}

function toAuditEntry(row: AuditEntryRow): AuditEntryType {
  return {
    id: row.id,
    at: new Date(row.at),
    action: row.action,
    actor: {
      userId: row.actor_user_id,
      name: row.actor_name,
      tokenId: row.actor_token_id,
      tokenName: row.actor_token_name,
    },
    address: row.address,
    userAgent: row.user_agent,
    objectKey: row.object_key,
    targetIds: row.target_ids,
    targetNames: row.target_names,
    details: row.details,
  };
}
