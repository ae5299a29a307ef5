import { requirePermission } from '../identity/index.js';
import { BadInput, parseId } from '../platform/index.js';
import { isAuditAction } from './actions.js';
import { auditCsv, readAuditPage, type AuditFilter, type AuditPage } from './query.js';
import { actorOf, recordAudit } from './record.js';
import { retentionOf, setRetention } from './retention.js';
import type { AuditContext } from './services.js';

/** Rows one CSV export carries at most; narrow the filter for more. */
export const maxExportRows = 50_000;

/** Admins and owners read the log; everyone else gets FORBIDDEN. */
export async function auditLog(
  ctx: AuditContext,
  filter: AuditFilter,
  page: { first: number; after: string | null },
): Promise<AuditPage> {
  const { workspaceId } = requirePermission(ctx, 'audit.read');
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > 200) {
    throw new BadInput(['first'], 'first: between 1 and 200.');
  }
  return readAuditPage(ctx.em, workspaceId, checkFilter(filter), {
    first: page.first,
    after: page.after ?? null,
  });
}

/** The filtered log as CSV; the export is itself an audited action, committed with nothing else. */
export async function exportAuditLog(ctx: AuditContext, filter: AuditFilter): Promise<string> {
  const { workspaceId } = requirePermission(ctx, 'audit.read');
  const checked = checkFilter(filter);
  return ctx.em.transactional(async (em) => {
    const { csv, rows } = await auditCsv(em, workspaceId, checked, maxExportRows);
    await recordAudit(em, {
      workspaceId,
      action: 'audit.exported',
      by: actorOf(ctx),
      details: { rows, filter: JSON.parse(JSON.stringify(checked)) as unknown },
    });
    return csv;
  });
}

export async function auditRetention(ctx: AuditContext) {
  const { workspaceId } = requirePermission(ctx, 'audit.read');
  const serverDefault = ctx.services.auditSettings.retentionDays;
  return { ...(await retentionOf(ctx.em, workspaceId, serverDefault)), serverDefault };
}

/** Owners set how long this workspace keeps its log (1–3650 days), or null for the server's default. */
export async function setAuditRetention(ctx: AuditContext, days: number | null) {
  const { workspaceId } = requirePermission(ctx, 'audit.settings');
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) {
    throw new BadInput(['days'], 'days: a whole number of days between 1 and 3650, or null for the default.');
  }
  await ctx.em.transactional(async (em) => {
    const before = await retentionOf(em, workspaceId, ctx.services.auditSettings.retentionDays);
    await setRetention(em, workspaceId, days);
    await recordAudit(em, {
      workspaceId,
      action: 'audit.retention_changed',
      by: actorOf(ctx),
      details: { from: before.overridden ? before.days : null, to: days },
    });
  });
  return auditRetention(ctx);
}

function checkFilter(filter: AuditFilter): AuditFilter {
  const action = filter.action?.trim() || null;
  if (action && !action.endsWith('.') && !isAuditAction(action)) {
    throw new BadInput(
      ['filter', 'action'],
      `filter.action: “${action.slice(0, 60)}” is not an audit action.`,
    );
  }
  if (action && action.length > 60) throw new BadInput(['filter', 'action'], 'filter.action: too long.');
  return {
    action,
    actor: filter.actor ? parseId(['filter', 'actor'], filter.actor) : null,
    since: filter.since ?? null,
    until: filter.until ?? null,
    recordId: filter.recordId ? parseId(['filter', 'recordId'], filter.recordId) : null,
  };
}

/**
 * A CSV export of records, declared by the client that built the file from what the caller
 * may read (the table's export): logged with the object, the count and the filter used.
 */
export async function logRecordsExport(
  ctx: AuditContext,
  request: { objectKey: string; count: number; filter?: unknown },
): Promise<boolean> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  if (!/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/.test(request.objectKey)) {
    throw new BadInput(['objectKey'], 'objectKey: an object’s key.');
  }
  if (!Number.isInteger(request.count) || request.count < 0) {
    throw new BadInput(['count'], 'count: the number of records exported.');
  }
  const filter = JSON.stringify(request.filter ?? null);
  await recordAudit(ctx.em, {
    workspaceId,
    action: 'records.exported',
    by: actorOf(ctx),
    objectKey: request.objectKey,
    details: {
      count: request.count,
      format: 'CSV',
      filter: filter.length > 4000 ? 'too long to keep' : (request.filter ?? null),
    },
  });
  return true;
}
