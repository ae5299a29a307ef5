import { callerView } from '../records/index.js';
import { requirePermission, type WorkspaceAccess } from '../identity/index.js';
import {
  activeObjects,
  loadMetadata,
  qualified,
  quote,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { Forbidden, NotFound, parseId } from '../platform/index.js';
import type { QuotesContext } from './services.js';

/** The deal a quote or invoice hangs on (or a company, for its balance), as the caller may act on it. */
export interface DealAccess {
  access: WorkspaceAccess;
  recordId: string;
  metadata: WorkspaceMetadata;
  /** The deal's company (its `company` field) when set. */
  companyId: string | null;
}

/**
 * Quotes and invoices follow their deal's scope: reading them takes reading the deal, writing
 * them takes updating it (a permission profile's own/team/all). A deal the caller cannot read is
 * NOT_FOUND (its existence is not revealed); one they read but may not update is FORBIDDEN.
 */
export async function dealFor(
  ctx: QuotesContext,
  dealIdText: string,
  action: 'read' | 'update',
  path: readonly string[],
  objectKey: 'deal' | 'company' = 'deal',
): Promise<DealAccess> {
  const access = requirePermission(ctx, action === 'read' ? 'records.read' : 'records.write');
  const dealId = parseId([...path], dealIdText);
  const metadata =
    (await ctx.services.metadataCache.get(ctx.em, access.workspaceId)) ??
    (await loadMetadata(ctx.em, access.workspaceId));
  const deal = activeObjects(metadata).find((o) => o.key === objectKey);
  if (!deal) throw new NotFound(`The ${objectKey} ${dealId}`);
  const { scope } = await callerView(ctx.services.recordAccess, access, metadata);
  const readable = scope?.rows(deal, 'read', 't') ?? { sql: 'true', params: [] };
  const allowed = (action === 'update' && scope?.rows(deal, 'update', 't')) || { sql: 'true', params: [] };
  const company = objectKey === 'deal' ? companyColumn(deal) : null;
  const [row] = await ctx.em.execute<{ readable: boolean; allowed: boolean; company_id: string | null }[]>(
    `select (${readable.sql}) as readable, (${allowed.sql}) as allowed,
       ${company ? `t.${quote(company)}` : 'null'} as company_id
     from ${qualified(metadata.schema, deal.table)} t where t.id = ? and t.deleted_at is null`,
    [...readable.params, ...allowed.params, dealId],
  );
  if (!row?.readable) throw new NotFound(`The ${objectKey} ${dealId}`);
  if (!row.allowed)
    throw new Forbidden(`Your permission profile does not allow you to update this ${objectKey}.`);
  return {
    access,
    metadata,
    recordId: dealId,
    companyId: row.company_id === null ? null : String(row.company_id),
  };
}

function companyColumn(deal: ObjectDef): string | null {
  const field = deal.fields.find((f) => f.key === 'company' && f.type === 'RELATION' && !f.archivedAt);
  return field?.column ?? null;
}
