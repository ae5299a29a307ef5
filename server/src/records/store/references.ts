import { type FieldDef, type Path, qualified } from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import { isManyToOne, targetObject } from '../query/fields.js';
import { sql } from '../query/sql.js';
import type { PreparedRecord } from './input.js';
import { execute, type WriteTx } from './transaction.js';

/**
 * Ids a write points at must exist: users (USER fields, owner) as members of the
 * workspace, related records alive in their table. One query per kind for a whole
 * bulk write. The related rows are share-locked until commit: a concurrent soft delete
 * (which locks them for update) either waits for this write and then sees the new
 * pointer, or commits first and this check no longer finds the record.
 */

interface Wanted {
  field: FieldDef;
  path: Path;
}

function collect(records: readonly PreparedRecord[]): {
  users: Map<string, Wanted>;
  related: Map<string, Map<string, Wanted>>;
} {
  const users = new Map<string, Wanted>();
  const related = new Map<string, Map<string, Wanted>>();
  const want = (ids: Map<string, Wanted>, id: unknown, wanted: Wanted) => {
    if (typeof id === 'string' && !ids.has(id)) ids.set(id, wanted);
  };
  for (const record of records) {
    for (const [field, values] of record.values) {
      const wanted = { field, path: [...record.path, field.key] };
      if (field.type === 'USER') want(users, values[0], wanted);
      if (isManyToOne(field)) want(relatedOf(related, field), values[0], wanted);
    }
    for (const [field, ids] of record.links) {
      for (const id of ids) want(relatedOf(related, field), id, { field, path: [...record.path, field.key] });
    }
  }
  return { users, related };
}

function relatedOf(related: Map<string, Map<string, Wanted>>, field: FieldDef): Map<string, Wanted> {
  const target = field.options.targetObjectId ?? '';
  const ids = related.get(target) ?? new Map<string, Wanted>();
  related.set(target, ids);
  return ids;
}

export async function checkReferences(tx: WriteTx, records: readonly PreparedRecord[]): Promise<void> {
  const { users, related } = collect(records);
  if (users.size) {
    const found = await execute<{ id: string }>(
      tx.db,
      sql(
        'select user_id as id from public.membership where workspace_id = ?::uuid and user_id = any(?::uuid[])',
        tx.metadata.workspaceId,
        [...users.keys()],
      ),
    );
    refuseMissing(users, found, (key, id) => `${key}: ${id} is not a member of this workspace.`);
  }
  for (const ids of related.values()) {
    // A relation set to null wants nothing of its target.
    if (ids.size === 0) continue;
    const { field, path } = ids.values().next().value!;
    const target = targetObject(tx.metadata, field, path);
    const found = await execute<{ id: string }>(
      tx.db,
      sql(
        `select id from ${qualified(tx.metadata.schema, target.table)} where id = any(?::uuid[]) and deleted_at is null order by id for share`,
        [...ids.keys()],
      ),
    );
    refuseMissing(ids, found, (key, id) => `${key}: no such record (${target.labelSingular} ${id}).`);
  }
}

function refuseMissing(
  wanted: Map<string, Wanted>,
  found: readonly { id: string }[],
  message: (key: string, id: string) => string,
): void {
  const present = new Set(found.map((r) => r.id));
  for (const [id, { field, path }] of wanted) {
    if (!present.has(id)) throw new BadInput(path, message(field.key, id));
  }
}
