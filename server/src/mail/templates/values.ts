import type { EntityManager } from '@mikro-orm/postgresql';
import { stageChoices, type FieldDef, type ObjectDef, type WorkspaceMetadata } from '../../metadata/index.js';
import { isUuid, queryRows } from '../../platform/index.js';
import { compileGetMany, decodeRow, type RecordRow } from '../../records/index.js';
import { hopFields, hopTarget, memberKeys, mergeableFields } from './merge-fields.js';

/** The values a merge shows: option labels not keys, money formatted, dates as ISO text. */
export function displayValue(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (field.type === 'CURRENCY' && typeof value === 'object') {
    const { amount, currency } = value as { amount: number; currency: string };
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
    } catch {
      return `${amount} ${currency}`;
    }
  }
  if (field.type === 'SELECT' || field.type === 'STAGE' || field.type === 'MULTI_SELECT') {
    const choices = field.options.choices ?? stageChoices(field.options.pipelines ?? []);
    const label = (key: unknown) => choices.find((c) => c.key === key)?.label ?? key;
    return Array.isArray(value) ? value.map(label).join(', ') : label(value);
  }
  return value;
}

export async function readRecords(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  ids: readonly string[],
): Promise<Map<string, RecordRow>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (!wanted.length) return new Map();
  const query = compileGetMany(metadata, object, wanted);
  const raws = await queryRows(em, query.sql, query.params);
  return new Map(raws.map((raw) => [String(raw.id), decodeRow(object, raw)]));
}

export type Member = Record<(typeof memberKeys)[number], string>;

export async function readMembers(
  em: EntityManager,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, Member>> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (!wanted.length) return new Map();
  const rows = await queryRows<Member>(
    em,
    `select u.id, u.name, u.email from app_user u join membership m on m.user_id = u.id
     where m.workspace_id = ? and u.id = any(?::uuid[])`,
    [workspaceId, wanted],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

function plainRecord(fields: FieldDef[], row: RecordRow): Record<string, unknown> {
  const values: Record<string, unknown> = { id: row.id };
  for (const field of fields) values[field.key] = displayValue(field, row[field.key]);
  return values;
}

/**
 * The `record` of a merge: its fields by key, and through one hop its many-to-one related
 * records' fields and its members' names and addresses (null where unset). Every key is
 * present, so Liquid's strict variables refuse only what the object does not have.
 */
export async function recordMergeValues(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  row: RecordRow,
): Promise<Record<string, unknown>> {
  const fields = mergeableFields(object);
  const record = plainRecord(fields, row);
  const memberIds: string[] = [];
  const related = new Map<ObjectDef, string[]>();
  for (const field of fields) {
    const hop = hopTarget(metadata, field);
    const id = row[field.key];
    if (!hop || typeof id !== 'string') continue;
    if (hop.kind === 'member') memberIds.push(id);
    else related.set(hop.object, [...(related.get(hop.object) ?? []), id]);
  }
  const members = await readMembers(em, metadata.workspaceId, memberIds);
  const rows = new Map<string, Record<string, unknown>>();
  for (const [target, ids] of related) {
    for (const [id, hopRow] of await readRecords(em, metadata, target, ids))
      rows.set(id, plainRecord(hopFields(target), hopRow));
  }
  for (const field of fields) {
    const hop = hopTarget(metadata, field);
    if (!hop) continue;
    const id = row[field.key];
    record[field.key] =
      typeof id !== 'string' ? null : ((hop.kind === 'member' ? members.get(id) : rows.get(id)) ?? null);
  }
  return record;
}
