import { qualified, type ObjectDef } from '../../metadata/index.js';
import { Forbidden, isUuid, NotFound } from '../../platform/index.js';
import type { RecordContext, ScopedAction } from '../api.js';
import { execute } from '../store/transaction.js';

type Input = Record<string, unknown>;

/**
 * A permission profile's say on a write, before the store runs it: creating at all, read-only
 * fields (FORBIDDEN naming the field), and update/delete of records outside the caller's scope
 * (NOT_FOUND when they cannot even read it, so existence is not revealed; FORBIDDEN otherwise).
 * Callers without a scope (owners, admins, unrestricted profiles) pass without a query.
 */
export async function guardWrite(
  ctx: RecordContext,
  object: ObjectDef,
  write: { action: 'create' | ScopedAction; ids?: readonly string[]; inputs?: readonly Input[] },
): Promise<void> {
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
  if (write.action === 'create' || write.action === 'read' || !write.ids?.length) return;
  const allowed = scope.rows(object, write.action, 't');
  if (!allowed) return;
  const readable = scope.rows(object, 'read', 't') ?? { sql: 'true', params: [] };
  const ids = write.ids.filter(isUuid).map((id) => id.toLowerCase());
  const rows = await execute<{ id: string; readable: boolean; allowed: boolean }>(ctx.em, {
    sql: `select t.id, (${readable.sql}) as readable, (${allowed.sql}) as allowed from ${qualified(ctx.metadata.schema, object.table)} t where t.id = any(?::uuid[])`,
    params: [...readable.params, ...allowed.params, `{${ids.join(',')}}`],
  });
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  for (const id of write.ids) {
    const row = byId.get(id.toLowerCase());
    if (!row?.readable) throw new NotFound(`${object.labelSingular} ${id}`);
    if (!row.allowed) {
      throw new Forbidden(
        `Your permission profile does not allow you to ${write.action} this ${object.labelSingular}.`,
      );
    }
  }
}
