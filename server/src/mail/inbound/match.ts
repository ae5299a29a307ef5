import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeFields,
  activeObjects,
  qualified,
  quote,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { queryRows } from '../../platform/index.js';

/** A record one of the message's addresses belongs to. */
export interface MatchedRecord {
  object: ObjectDef;
  recordId: string;
  address: string;
}

/** Records per object a message is logged on at most: a shared address (info@) must not flood. */
const maxPerObject = 25;

/**
 * The live records of every object whose EMAIL fields hold one of these addresses (stored
 * lower-cased, as the field type writes them). One query per object with EMAIL fields.
 */
export async function matchRecordsByEmail(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  addresses: readonly string[],
): Promise<MatchedRecord[]> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  if (!wanted.length) return [];
  const found: MatchedRecord[] = [];
  for (const object of activeObjects(metadata)) {
    const columns = activeFields(object)
      .filter((f) => f.type === 'EMAIL' && f.column)
      .map((f) => quote(f.column!));
    if (!columns.length) continue;
    const rows = await queryRows<{ id: string; address: string }>(
      em,
      `select id, coalesce(${columns.map((c) => `case when ${c} = any(?::text[]) then ${c} end`).join(', ')}) as address
       from ${qualified(metadata.schema, object.table)}
       where deleted_at is null and (${columns.map((c) => `${c} = any(?::text[])`).join(' or ')})
       order by created_at, id limit ${maxPerObject}`,
      [...columns.map(() => wanted), ...columns.map(() => wanted)],
    );
    found.push(...rows.map((row) => ({ object, recordId: row.id, address: row.address })));
  }
  return found;
}
