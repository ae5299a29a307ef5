import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../platform/index.js';

/** "Web form: <name>" for a form's id, "Lead feed" for the workspace's own id (their writes' actors), or null. */
export async function webFormActorName(
  em: EntityManager,
  workspaceId: string,
  actorId: string,
): Promise<string | null> {
  if (actorId === workspaceId) return 'Lead feed';
  const [row] = await queryRows<{ name: string }>(
    em,
    'select name from web_form where workspace_id = ?::uuid and id = ?::uuid',
    [workspaceId, actorId],
  );
  return row ? `Web form: ${row.name}` : null;
}
