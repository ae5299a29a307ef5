import type { Reader } from '@crm/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { qualified } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import { compileFilter, type RecordFilter } from '../records/index.js';

/**
 * Which of these records match a condition now, evaluated in SQL by the view filter
 * compiler (relative dates, `isMe` as the reader); deleted records are included, so a
 * RECORD_DELETED rule can still test the record it lost.
 */
export async function matchingRecords(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  ids: readonly string[],
  condition: RecordFilter | null | undefined,
  reader: Reader,
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  if (!condition || !Object.keys(condition).length) return new Set(ids);
  const predicate = compileFilter({ metadata, object, alias: 't', reader }, condition, ['condition']);
  const where = predicate ? ` and (${predicate.sql})` : '';
  const rows = await queryRows<{ id: string }>(
    em,
    `select t.id from ${qualified(metadata.schema, object.table)} t where t.id = any(?::uuid[])${where}`,
    [`{${ids.join(',')}}`, ...(predicate?.params ?? [])],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * For several conditions on one object at once (the dispatcher's rules): which of these
 * records each one matches, in one statement (a boolean column per condition) instead of
 * one per rule. A missing or empty condition matches every record.
 */
export async function matchingEach(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  ids: readonly string[],
  conditions: readonly (RecordFilter | null | undefined)[],
  reader: Reader,
): Promise<Set<string>[]> {
  const everything = () => new Set(ids);
  if (!ids.length) return conditions.map(() => new Set());
  const predicates = conditions.map((condition) =>
    condition && Object.keys(condition).length
      ? compileFilter({ metadata, object, alias: 't', reader }, condition, ['condition'])
      : undefined,
  );
  const tested = predicates.flatMap((p, i) => (p ? [{ p, i }] : []));
  if (!tested.length) return conditions.map(everything);
  const columns = tested.map(({ p }, n) => `coalesce((${p.sql}), false) as c${n}`).join(', ');
  const rows = await queryRows<Record<string, unknown> & { id: string }>(
    em,
    `select t.id, ${columns} from ${qualified(metadata.schema, object.table)} t where t.id = any(?::uuid[])`,
    [...tested.flatMap(({ p }) => p.params), `{${ids.join(',')}}`],
  );
  const matched = conditions.map((_, i) => (predicates[i] ? new Set<string>() : everything()));
  tested.forEach(({ i }, n) => {
    for (const row of rows) if (row[`c${n}`] === true) matched[i]!.add(row.id);
  });
  return matched;
}

export function readerFor(userId: string | null, now = new Date()): Reader {
  return { userId, timeZone: 'UTC', now };
}
