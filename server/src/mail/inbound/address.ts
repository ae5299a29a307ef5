import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../../platform/index.js';

/** The workspace's part of its forwarding address: its name, plain and short (decoration only). */
export function workspaceSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
    .replace(/-+$/, '');
  return slug || 'workspace';
}

/**
 * `<slug>+<token>@<INBOUND_DOMAIN>`: the token (random, per workspace) is what routes; the
 * slug only tells people whose address it is. Made on first read.
 */
export async function forwardingAddress(
  em: EntityManager,
  workspaceId: string,
  domain: string | undefined,
): Promise<string | null> {
  if (!domain) return null;
  await em.execute(
    'insert into mail_inbound_address (workspace_id, token) values (?, ?) on conflict (workspace_id) do nothing',
    [workspaceId, randomBytes(9).toString('hex')],
  );
  const [row] = await queryRows<{ token: string; name: string }>(
    em,
    `select a.token, w.name from mail_inbound_address a join workspace w on w.id = a.workspace_id
     where a.workspace_id = ?`,
    [workspaceId],
  );
  return row ? `${workspaceSlug(row.name)}+${row.token}@${domain}` : null;
}
