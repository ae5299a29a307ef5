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

export function readerFor(userId: string | null, now = new Date()): Reader {
  return { userId, timeZone: 'UTC', now };
}
