import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A privacy erasure's part in merges (docs/security.md): the undo data of merges into or of
 * the erased records keeps values of theirs (the survivor's values before, unique values
 * taken), which undoing would write back; `scrub` rewrites it in the erasing transaction.
 */
export async function eraseMergeUndo(
  db: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  recordIds: readonly string[],
  scrub: (undo: unknown) => unknown,
): Promise<number> {
  if (!recordIds.length) return 0;
  const ids = `{${recordIds.join(',')}}`;
  const rows = await db.execute<{ id: string; undo: unknown }[]>(
    `select id, undo from record_merge where workspace_id = ?
       and (survivor_id = any(?::uuid[]) or merged_ids && ?::uuid[]) for update`,
    [workspaceId, ids, ids],
  );
  for (const row of rows) {
    await db.execute('update record_merge set undo = ?::jsonb where id = ?', [
      JSON.stringify(scrub(row.undo)),
      row.id,
    ]);
  }
  return rows.length;
}
