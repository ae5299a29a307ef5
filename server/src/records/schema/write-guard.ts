import { qualified, type ObjectDef } from '../../metadata/index.js';
import { Forbidden, isUuid, NotFound, statementSource } from '../../platform/index.js';
import type { RecordContext, ScopedAction } from '../api.js';
import { execute } from '../store/transaction.js';

type Input = Record<string, unknown>;

/**
 * A permission profile's say on a write's input, before the store runs it: creating at all and
 * read-only fields (FORBIDDEN naming the field). Whether the records are within the update or
 * delete scope the store checks on the rows it locks, inside the write's transaction (store/rows.ts).
 * Callers without a scope (owners, admins, unrestricted profiles) pass.
 */
export function guardWrite(
  ctx: RecordContext,
  object: ObjectDef,
  write: { action: 'create' | ScopedAction; inputs?: readonly Input[] },
): void {
  const scope = ctx.scope;
  if (!scope) return;
  if (write.action === 'create' && !scope.canCreate(object)) {
    throw new Forbidden(`Your permission profile does not allow creating ${object.labelPlural}.`);
  }
  const readOnly = scope.readOnlyKeys(object);
  for (const input of write.inputs ?? [])
    for (const key of Object.keys(input))
      if (readOnly.has(key)) {
        const label = object.fields.find((f) => f.key === key)?.label ?? key;
        throw new Forbidden(`“${label}” (${key}) is read-only for your permission profile.`);
      }
}

/**
 * Whether the caller could update or delete the records now, without writing (the co-editing
 * door asks it to open a connection read-only): NOT_FOUND when they cannot even read one, so
 * existence is not revealed; FORBIDDEN when out of the action's scope.
 */
export async function checkRowScope(
  ctx: RecordContext,
  object: ObjectDef,
  action: Exclude<ScopedAction, 'read'>,
  ids: readonly string[],
): Promise<void> {
  const allowed = ctx.scope?.rows(object, action, 't');
  if (!allowed || !ids.length) return;
  const readable = ctx.scope!.rows(object, 'read', 't') ?? { sql: 'true', params: [] };
  const wanted = ids.filter(isUuid).map((id) => id.toLowerCase());
  const rows = await execute<{ id: string; readable: boolean; allowed: boolean }>(statementSource(ctx), {
    sql: `select t.id, (${readable.sql}) as readable, (${allowed.sql}) as allowed from ${qualified(ctx.metadata.schema, object.table)} t where t.id = any(?::uuid[])`,
    params: [...readable.params, ...allowed.params, `{${wanted.join(',')}}`],
  });
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  for (const id of ids) {
    const row = byId.get(id.toLowerCase());
    if (!row?.readable) throw new NotFound(`${object.labelSingular} ${id}`);
    if (!row.allowed)
      throw new Forbidden(
        `Your permission profile does not allow you to ${action} this ${object.labelSingular}.`,
      );
  }
}
