import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, type RequestContext } from '../../identity/index.js';
import { expectEmail } from '../../metadata/index.js';
import { BadInput, decodeTimeCursor, encodeTimeCursor } from '../../platform/index.js';

/** Why an address is suppressed: its owner unsubscribed, an admin added it, or it bounced for good. */
export type SuppressionReason = 'UNSUBSCRIBED' | 'ADMIN' | 'BOUNCED';

export interface SuppressedAddress {
  address: string;
  reason: SuppressionReason;
  /** The campaign whose link was followed (UNSUBSCRIBED). */
  campaignId: string | null;
  createdAt: Date;
}

interface SuppressionRow {
  address: string;
  reason: SuppressionReason;
  campaign_id: string | null;
  created_at: Date | string;
}

const toSuppressed = (row: SuppressionRow): SuppressedAddress => ({
  address: row.address,
  reason: row.reason,
  campaignId: row.campaign_id,
  createdAt: new Date(row.created_at),
});

/** Adds addresses to a workspace's suppression list (lower-cased); those already there stay as they were. */
export async function suppressAddresses(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  addresses: readonly string[],
  by: { reason: SuppressionReason; campaignId?: string | null; userId?: string | null },
): Promise<void> {
  if (!addresses.length) return;
  await em.execute(
    `insert into mail_suppression (workspace_id, address, reason, campaign_id, created_by)
     select ?, lower(a), ?, ?, ? from jsonb_array_elements_text(?::jsonb) a
     on conflict (workspace_id, address) do nothing`,
    [workspaceId, by.reason, by.campaignId ?? null, by.userId ?? null, JSON.stringify(addresses)],
  );
}

export const maxSuppressionPage = 200;
export const maxSuppressedAtOnce = 1000;

export interface SuppressionPage {
  nodes: SuppressedAddress[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The suppression list, newest first, optionally only addresses containing `search` (admins). */
export async function pageSuppressed(
  ctx: RequestContext,
  args: { first: number; after: string | null; search: string | null },
): Promise<SuppressionPage> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxSuppressionPage)
    throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxSuppressionPage}.`);
  // The cursor's id slot holds a uuid; the address goes in as the workspace-unique tie-breaker's hash.
  const cursor = args.after ? decodeTimeCursor(args.after) : null;
  const search = args.search?.trim().toLowerCase() || null;
  const rows = await ctx.em.execute<(SuppressionRow & { tie: string })[]>(
    `select address, reason, campaign_id, created_at, md5(address)::uuid as tie from mail_suppression
     where workspace_id = ?
       ${search ? `and strpos(address, ?) > 0` : ''}
       ${cursor ? 'and (created_at, md5(address)::uuid) < (?::timestamptz, ?::uuid)' : ''}
     order by created_at desc, md5(address)::uuid desc limit ?`,
    [workspaceId, ...(search ? [search] : []), ...(cursor ? [cursor.at, cursor.id] : []), args.first + 1],
  );
  const page = rows.slice(0, args.first);
  const last = page.at(-1);
  return {
    nodes: page.map(toSuppressed),
    hasNextPage: rows.length > args.first,
    endCursor: last ? encodeTimeCursor(new Date(last.created_at), last.tie) : null,
  };
}

/** An admin suppresses addresses by hand (each checked; at most 1,000 at once). */
export async function suppressByAdmin(ctx: RequestContext, input: readonly string[]): Promise<number> {
  const { workspaceId, caller } = requirePermission(ctx, 'workspace.update');
  if (!input.length || input.length > maxSuppressedAtOnce)
    throw new BadInput(['addresses'], `addresses: 1 to ${maxSuppressedAtOnce} addresses at once.`);
  const addresses = input.map((a, i) => expectEmail(a.trim(), ['addresses', String(i)]));
  await suppressAddresses(ctx.em, workspaceId, addresses, { reason: 'ADMIN', userId: caller.user.id });
  return addresses.length;
}

/** Takes an address off the list: later sends reach it again. True when it was there. */
export async function unsuppressByAdmin(ctx: RequestContext, address: string): Promise<boolean> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const rows = await ctx.em.execute<{ address: string }[]>(
    'delete from mail_suppression where workspace_id = ? and address = ? returning address',
    [workspaceId, address.trim().toLowerCase()],
  );
  return rows.length > 0;
}
