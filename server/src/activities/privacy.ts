import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A privacy request's part in the inbox (docs/security.md): notifications about the erased
 * record lose their label and excerpt (they repeat the person's name); `terms` leave the rest.
 */
export async function eraseNotificationText(
  db: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  erased: { recordId: string; label: string; terms: readonly string[] },
): Promise<number> {
  const own = await db.execute<{ id: string }[]>(
    `update notification set label = ?, excerpt = '' where workspace_id = ? and record_id = ?::uuid returning id`,
    [erased.label, workspaceId, erased.recordId],
  );
  let elsewhere = 0;
  for (const term of erased.terms.filter((t) => t.trim())) {
    const pattern = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const rows = await db.execute<{ id: string }[]>(
      `update notification set label = regexp_replace(label, ?, '[erased]', 'gi'),
         excerpt = regexp_replace(excerpt, ?, '[erased]', 'gi')
       where workspace_id = ? and (strpos(lower(label), lower(?)) > 0 or strpos(lower(excerpt), lower(?)) > 0)
       returning id`,
      [pattern, pattern, workspaceId, term, term],
    );
    elsewhere += rows.length;
  }
  return own.length + elsewhere;
}
