import { callerView } from '../records/index.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, type WorkspaceAccess } from '../identity/index.js';
import { loadMetadata } from '../metadata/index.js';
import { Forbidden, NotFound } from '../platform/index.js';
import { canEdit, canSee, canShare } from '../views/index.js';
import type { ReportContext } from './services.js';
import type { ReportReader } from './run.js';

/**
 * Reports and dashboards follow the rights of saved views (views/rights.ts): everyone reads the
 * shared ones and their own, sharing takes a member, a shared one is changed by its owner or an admin.
 * Reading the records behind them takes `records.read`, as the records API does.
 */

export function readAccess(ctx: ReportContext): WorkspaceAccess {
  return requirePermission(ctx, 'records.read');
}

export async function readerFor(ctx: ReportContext, em: EntityManager = ctx.em): Promise<ReportReader> {
  const access = readAccess(ctx);
  const full =
    (await ctx.services.metadataCache.get(em, access.workspaceId)) ??
    (await loadMetadata(em, access.workspaceId));
  // A profile's hidden fields are archived in its metadata, so a report cannot measure or group
  // by them; its scope narrows the rows, and kept rollups (everyone's rows) are not used.
  const { metadata, scope } = await callerView(ctx.services.recordAccess, access, full);
  return {
    em,
    metadata,
    userId: access.caller.user.id,
    filterLimits: ctx.services.filterLimits,
    ...(scope ? { scope } : { rollups: ctx.services.reportRollups }),
  };
}

type Owned = { shared: boolean; owner: { id: string } };

export function requireVisible<T extends Owned>(row: T | null, access: WorkspaceAccess, what: string): T {
  if (!row || !canSee(row as never, access)) throw new NotFound(what);
  return row;
}

export function requireEditable<T extends Owned>(row: T | null, access: WorkspaceAccess, what: string): T {
  const seen = requireVisible(row, access, what);
  if (!canEdit(seen as never, access))
    throw new Forbidden(
      canShare(access)
        ? `Only the ${what.toLowerCase()}’s creator or an admin may change a shared ${what.toLowerCase()}.`
        : `Your role (${access.role}) may change private ${what.toLowerCase()}s only.`,
    );
  return seen;
}

export function requireShare(access: WorkspaceAccess, what: string): void {
  if (!canShare(access))
    throw new Forbidden(`Your role (${access.role}) may keep private ${what}s only; sharing takes a member.`);
}
