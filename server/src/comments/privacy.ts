import { listRecordComments, type Comment } from './store.js';

/** A privacy request's part in comments (docs/security.md): reading them out, erasing them. */

type Db = Parameters<typeof listRecordComments>[0];

/** Every comment on a record, oldest first. */
export async function allRecordComments(db: Db, workspaceId: string, recordId: string): Promise<Comment[]> {
  const all: Comment[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await listRecordComments(db, { workspaceId, recordId }, { first: 100, after });
    all.push(...page.nodes);
    if (!page.hasNextPage) return all;
    after = page.endCursor;
  }
}

/**
 * Comments on the erased record lose their text (they are about the person); elsewhere in the
 * workspace each term (name, address) is cut out of the bodies that hold it. Returns the count.
 */
export async function eraseCommentText(
  db: Db,
  workspaceId: string,
  erased: { recordId: string; terms: readonly string[] },
): Promise<number> {
  const onRecord = await db.execute<{ id: string }[]>(
    `update comment set body = '[erased]', mentions = '[]' where workspace_id = ? and record_id = ? returning id`,
    [workspaceId, erased.recordId],
  );
  let elsewhere = 0;
  for (const term of erased.terms.filter((t) => t.trim())) {
    const rows = await db.execute<{ id: string }[]>(
      `update comment set body = regexp_replace(body, ?, '[erased]', 'gi')
       where workspace_id = ? and strpos(lower(body), lower(?)) > 0 returning id`,
      [regexpLiteral(term), workspaceId, term],
    );
    elsewhere += rows.length;
  }
  return onRecord.length + elsewhere;
}

/** A text matched literally by a PostgreSQL regular expression. */
export function regexpLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
