import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceAccess } from '../../identity/index.js';
import {
  activeFields,
  stageChoices,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { isUuid, queryRows } from '../../platform/index.js';
import {
  compileGetMany,
  decodeRow,
  readScopeOf,
  type RecordAccessViews,
  type RecordRow,
  type RecordScope,
} from '../../records/index.js';
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

/**
 * The member a record is read for (the sender of a message, the author of a preview): their
 * view of the metadata (fields their permission profile hides archived) and their record scope.
 */
export interface MergeReader {
  metadata: WorkspaceMetadata;
  scope?: RecordScope;
  userId: string;
}

export async function mergeReaderOf(
  recordAccess: RecordAccessViews,
  access: WorkspaceAccess,
  metadata: WorkspaceMetadata,
): Promise<MergeReader> {
  const userId = access.caller.user.id;
  const view = await recordAccess.forCaller(access.workspaceId, userId, access.role, metadata);
  return { ...view, userId };
}

/** Records by id (not deleted); with a reader, only those in their read scope. */
export async function readRecords(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  ids: readonly string[],
  reader?: MergeReader,
): Promise<Map<string, RecordRow>> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (!wanted.length) return new Map();
  const scope = reader?.scope && readScopeOf({ em, metadata, actorId: reader.userId, scope: reader.scope });
  const query = compileGetMany(metadata, object, wanted, { scope });
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

/** Ids of `object`'s fields the reader's profile hides (none without a reader). */
function hiddenFor(reader: MergeReader | undefined, object: ObjectDef): ReadonlySet<string> {
  if (!reader) return new Set();
  const seen = reader.metadata.objects.find((o) => o.id === object.id && !o.archivedAt);
  const shown = new Set((seen ? activeFields(seen) : []).map((f) => f.id));
  return new Set(object.fields.filter((f) => !shown.has(f.id)).map((f) => f.id));
}

/** A row's merge values; fields hidden from the reader are present (the template still compiles) but empty. */
function plainRecord(
  fields: FieldDef[],
  row: RecordRow,
  hidden: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const values: Record<string, unknown> = { id: row.id };
  for (const field of fields)
    values[field.key] = hidden.has(field.id) ? null : displayValue(field, row[field.key]);
  return values;
}

/**
 * The `record` of a merge: its fields by key (empty where the reader's profile hides them), and through one hop its many-to-one related
 * records' fields and its members' names and addresses (null where unset). Every key is
 * present, so Liquid's strict variables refuse only what the object does not have.
 */
export async function recordMergeValues(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  row: RecordRow,
  reader?: MergeReader,
): Promise<Record<string, unknown>> {
  const fields = mergeableFields(object);
  const hidden = hiddenFor(reader, object);
  const record = plainRecord(fields, row, hidden);
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
    // A related record out of the reader's scope reads as none.
    const hiddenHop = hiddenFor(reader, target);
    for (const [id, hopRow] of await readRecords(em, metadata, target, ids, reader))
      rows.set(id, plainRecord(hopFields(target), hopRow, hiddenHop));
  }
  for (const field of fields) {
    const hop = hopTarget(metadata, field);
    if (!hop || hidden.has(field.id)) continue;
    const id = row[field.key];
    record[field.key] =
      typeof id !== 'string' ? null : ((hop.kind === 'member' ? members.get(id) : rows.get(id)) ?? null);
  }
  return record;
}
