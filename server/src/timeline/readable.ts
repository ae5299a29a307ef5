import { activeObjects, qualified, type WorkspaceMetadata } from '../metadata/index.js';
import { isUuid, queryRows } from '../platform/index.js';
import { pgArrayLiteral } from '../records/index.js';
import type { TimelineSourceContext } from './source.js';

/**
 * Of `ids` (records of any object), those the caller may read: for items that name another
 * record besides the target (the record an e-mail was sent from), so they do not reveal one out
 * of the caller's scope. Without a scope, all of them, and no query.
 */
export async function readableRecordIds(
  ctx: TimelineSourceContext,
  metadata: WorkspaceMetadata,
  ids: readonly string[],
): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  const { scope } = ctx;
  if (!scope || !wanted.length) return new Set(wanted);
  const params: unknown[] = [];
  const parts = activeObjects(metadata).map((object) => {
    const readable = scope.rows(object, 'read', 't') ?? { sql: 'true', params: [] };
    params.push(pgArrayLiteral(wanted), ...readable.params);
    return `select t.id::text as id from ${qualified(metadata.schema, object.table)} t where t.id = any(?::uuid[]) and (${readable.sql})`;
  });
  if (!parts.length) return new Set();
  const rows = await queryRows<{ id: string }>(ctx.em, parts.join(' union all '), params);
  return new Set(rows.map((row) => row.id));
}
