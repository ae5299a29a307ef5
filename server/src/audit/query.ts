import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput } from '../platform/index.js';

export interface AuditFilter {
  action?: string | null;
  /** A member's user id: their actions, and the sign-ins of their account. */
  actor?: string | null;
  since?: Date | null;
  until?: Date | null;
  /** Entries about this record (or member, token…): its id among the targets. */
  recordId?: string | null;
}

export interface AuditEntryRow {
  id: string;
  at: Date;
  action: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_token_id: string | null;
  actor_token_name: string | null;
  address: string | null;
  user_agent: string | null;
  object_key: string | null;
  target_ids: string[];
  target_names: string[];
  details: Record<string, unknown>;
}

export interface AuditPage {
  nodes: AuditEntryRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One page of a workspace's log, newest first; `after` is the previous page's `endCursor`. */
export async function readAuditPage(
  em: EntityManager,
  workspaceId: string,
  filter: AuditFilter,
  page: { first: number; after: string | null },
): Promise<AuditPage> {
  if (page.after != null && !/^\d{1,18}$/.test(page.after)) {
    throw new BadInput(['after'], 'after: pass the endCursor of the previous page.');
  }
  const { where, params } = filterSql(workspaceId, filter);
  const rows = await em.execute<AuditEntryRow[]>(
    `select * from audit_entry where ${where} ${page.after ? 'and id < ?' : ''} order by id desc limit ?`,
    [...params, ...(page.after ? [page.after] : []), page.first + 1],
  );
  const nodes = rows.slice(0, page.first).map((row) => ({ ...row, id: String(row.id) }));
  return {
    nodes,
    hasNextPage: rows.length > page.first,
    endCursor: nodes.at(-1)?.id ?? null,
  };
}

function filterSql(workspaceId: string, filter: AuditFilter): { where: string; params: unknown[] } {
  const parts = ['workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.action)
    add(filter.action.endsWith('.') ? 'starts_with(action, ?)' : 'action = ?', filter.action);
  if (filter.actor) add('actor_user_id = ?::uuid', filter.actor);
  if (filter.since) add('at >= ?', filter.since);
  if (filter.until) add('at < ?', filter.until);
  if (filter.recordId) add('target_ids @> array[?::text]', filter.recordId.toLowerCase());
  return { where: parts.join(' and '), params };
}

/** The filtered log as CSV, newest first, up to `limit` rows (the export's bound). */
export async function auditCsv(
  em: EntityManager,
  workspaceId: string,
  filter: AuditFilter,
  limit: number,
): Promise<{ csv: string; rows: number }> {
  const { where, params } = filterSql(workspaceId, filter);
  const rows = await em.execute<AuditEntryRow[]>(
    `select * from audit_entry where ${where} order by id desc limit ?`,
    [...params, limit],
  );
  const header = [
    'at',
    'action',
    'actor',
    'actor_id',
    'api_token',
    'address',
    'user_agent',
    'object',
    'target_ids',
    'target_names',
    'details',
  ];
  const lines = rows.map((row) =>
    [
      new Date(row.at).toISOString(),
      row.action,
      row.actor_name ?? '',
      row.actor_user_id ?? '',
      row.actor_token_name ?? '',
      row.address ?? '',
      row.user_agent ?? '',
      row.object_key ?? '',
      row.target_ids.join(' '),
      row.target_names.join('; '),
      JSON.stringify(row.details),
    ].map(csvCell),
  );
  return { csv: [header, ...lines].map((cells) => cells.join(',')).join('\r\n') + '\r\n', rows: rows.length };
}

/** Quoted when needed; a leading formula character is defused so a spreadsheet shows text, not a formula. */
function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
