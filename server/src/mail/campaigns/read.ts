import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, type RequestContext } from '../../identity/index.js';
import { BadInput, NotFound, parseId } from '../../platform/index.js';
import {
  recipientStatusSql,
  recipientStatuses,
  type Campaign,
  type CampaignCounts,
  type CampaignRow,
  type RecipientStatus,
} from './model.js';

type Db = Pick<EntityManager, 'execute'>;

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

interface CountRow {
  campaign_id: string;
  status: RecipientStatus;
  sent_before: boolean;
  n: string;
}

/** Recipients per status for these campaigns, in one statement (each reads its recipients' messages). */
async function countsOf(em: Db, ids: readonly string[]): Promise<Map<string, CampaignCounts>> {
  const rows = await em.execute<CountRow[]>(
    `select r.campaign_id, ${recipientStatusSql} as status, m.status = 'SENT' as sent_before, count(*) as n
     from mail_campaign_recipient r left join mail_message m on m.id = r.message_id
     where r.campaign_id = any(?::uuid[]) group by 1, 2, 3`,
    [`{${ids.join(',')}}`],
  );
  const counts = new Map<string, CampaignCounts>(
    ids.map((id) => [
      id,
      {
        recipients: 0,
        queued: 0,
        sent: 0,
        failed: 0,
        bounced: 0,
        unsubscribed: 0,
        suppressed: 0,
        noAddress: 0,
        duplicate: 0,
      },
    ]),
  );
  const field: Record<RecipientStatus, keyof CampaignCounts> = {
    QUEUED: 'queued',
    SENT: 'sent',
    FAILED: 'failed',
    BOUNCED: 'bounced',
    UNSUBSCRIBED: 'unsubscribed',
    SUPPRESSED: 'suppressed',
    NO_ADDRESS: 'noAddress',
    DUPLICATE: 'duplicate',
  };
  for (const row of rows) {
    const c = counts.get(row.campaign_id)!;
    const n = Number(row.n);
    c.recipients += n;
    c[field[row.status]] += n;
    // Someone who unsubscribed was sent the message first: they count as sent too.
    if (row.status === 'UNSUBSCRIBED' && row.sent_before) c.sent += n;
  }
  return counts;
}

function toCampaign(row: CampaignRow, counts: CampaignCounts): Campaign {
  const done = row.status === 'SENDING' && counts.queued === 0;
  return {
    id: row.id,
    name: row.name,
    viewId: row.view_id,
    objectId: row.object_id,
    emailFieldId: row.email_field_id,
    templateId: row.template_id,
    subject: row.subject,
    text: row.text_body,
    status: done ? 'DONE' : row.status,
    statusReason: row.status_reason,
    scheduledAt: new Date(row.scheduled_at),
    throttle:
      row.throttle_messages && row.throttle_interval_ms
        ? { messages: row.throttle_messages, intervalMs: row.throttle_interval_ms }
        : null,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    startedAt: date(row.started_at),
    queuedAt: date(row.queued_at),
    counts,
  };
}

async function present(em: Db, rows: CampaignRow[]): Promise<Campaign[]> {
  if (!rows.length) return [];
  const counts = await countsOf(
    em,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toCampaign(row, counts.get(row.id)!));
}

export async function campaignById(em: Db, workspaceId: string, id: string): Promise<Campaign> {
  const rows = await em.execute<CampaignRow[]>(
    'select * from mail_campaign where id = ? and workspace_id = ?',
    [id, workspaceId],
  );
  if (!rows.length) throw new NotFound('Campaign');
  return (await present(em, rows))[0]!;
}

/** The workspace's campaigns, newest first, with their counts (admins). */
export async function listCampaigns(ctx: RequestContext, first: number): Promise<Campaign[]> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  if (!Number.isInteger(first) || first < 1 || first > 200)
    throw new BadInput(['first'], 'first: a whole number from 1 to 200.');
  const rows = await ctx.em.execute<CampaignRow[]>(
    'select * from mail_campaign where workspace_id = ? order by created_at desc, id desc limit ?',
    [workspaceId, first],
  );
  return present(ctx.em, rows);
}

export async function getCampaign(ctx: RequestContext, id: string): Promise<Campaign> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  return campaignById(ctx.em, workspaceId, parseId('id', id));
}

export interface CampaignRecipient {
  recordId: string;
  address: string | null;
  status: RecipientStatus;
  /** The outbox's reason (a refusal, why it waits), when there is one. */
  statusReason: string | null;
  messageId: string | null;
  sentAt: Date | null;
  unsubscribedAt: Date | null;
}

export interface RecipientPage {
  nodes: CampaignRecipient[];
  hasNextPage: boolean;
  endCursor: string | null;
}

interface RecipientRow {
  record_id: string;
  address: string | null;
  status: RecipientStatus;
  status_reason: string | null;
  message_id: string | null;
  sent_at: Date | string | null;
  unsubscribed_at: Date | string | null;
  position: number;
}

/** A campaign's recipients in their order (sendable ones first), of one status or all. */
export async function pageRecipients(
  em: Db,
  campaignId: string,
  args: { first: number; after: string | null; status: RecipientStatus | null },
): Promise<RecipientPage> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > 500)
    throw new BadInput(['first'], 'first: a whole number from 1 to 500.');
  const after = args.after ? Number(args.after) : 0;
  if (!Number.isInteger(after) || after < 0)
    throw new BadInput(['after'], 'after: an endCursor from an earlier page.');
  if (args.status && !recipientStatuses.includes(args.status))
    throw new BadInput(['status'], 'status: not a recipient status.');
  const rows = await em.execute<RecipientRow[]>(
    `select * from (
       select r.record_id, r.address, ${recipientStatusSql} as status, m.status_reason, r.message_id, m.sent_at,
         r.unsubscribed_at, r.position
       from mail_campaign_recipient r left join mail_message m on m.id = r.message_id
       where r.campaign_id = ? and r.position > ?
     ) x ${args.status ? 'where x.status = ?' : ''} order by position limit ?`,
    [campaignId, after, ...(args.status ? [args.status] : []), args.first + 1],
  );
  const page = rows.slice(0, args.first);
  return {
    nodes: page.map((r) => ({
      recordId: r.record_id,
      address: r.address,
      status: r.status,
      statusReason: r.status_reason,
      messageId: r.message_id,
      sentAt: date(r.sent_at),
      unsubscribedAt: date(r.unsubscribed_at),
    })),
    hasNextPage: rows.length > args.first,
    endCursor: page.length ? String(page.at(-1)!.position) : null,
  };
}
