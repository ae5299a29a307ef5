import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeFields,
  type FieldDef,
  groupsDigits,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { hopTarget, recordMergeValues, type MergeField } from '../mail/index.js';
import type { RecordContext, RecordRow, RecordStore } from '../records/index.js';

type Values = Record<string, unknown>;

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const groupedNumber = new Intl.NumberFormat('en');
const plainNumber = new Intl.NumberFormat('en', { useGrouping: false });

/** The field a value comes from, for its print settings: its type and options. */
export type PrintedField = Parameters<typeof groupsDigits>[0];

/** A merge value as a document prints it; a NUMBER field set not to group prints 2018, not 2,018. */
export function printable(value: unknown, field?: PrintedField): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number')
    return (field && !groupsDigits(field) ? plainNumber : groupedNumber).format(value);
  if (Array.isArray(value)) return value.map((v) => printable(v, field)).join(', ');
  if (typeof value === 'object') return printable((value as { name?: unknown }).name ?? '');
  return String(value);
}

/** The field behind a merge path: `record.year`, or one hop on, `record.vehicle.year`. */
export function fieldAtPath(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  path: string,
): FieldDef | undefined {
  const [scope, key, sub] = path.split('.');
  if (scope !== 'record' || !key) return undefined;
  const field = activeFields(object).find((f) => f.key === key);
  if (!field || sub === undefined) return field;
  const hop = hopTarget(metadata, field);
  return hop?.kind === 'record' ? activeFields(hop.object).find((f) => f.key === sub) : undefined;
}

function formatDate(type: string, value: unknown): unknown {
  if (typeof value !== 'string' || !value) return value;
  const date = new Date(type === 'DATE' ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return (type === 'DATE' ? dateFormat : dateTimeFormat).format(date);
}

/** `record.seller.name` in a merge scope. */
export function valueAt(scope: Values, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Values | null)?.[key], scope);
}

/**
 * The record's merge values as the caller may see them: e-mail's merge values (money
 * formatted, options by label, one hop through relations), then emptied where the caller's
 * profile hides the field or cannot read the related record, and dates written out.
 */
export async function recordValuesFor(
  ctx: RecordContext,
  full: WorkspaceMetadata,
  object: ObjectDef,
  row: RecordRow,
  records: RecordStore,
  fields: readonly MergeField[],
): Promise<Values> {
  const values = await recordMergeValues(ctx.em as EntityManager, full, object, row);
  const visible = ctx.metadata.objects.find((o) => o.id === object.id)!;
  for (const field of activeFields(object)) {
    if (!(field.key in values)) continue;
    const seen = activeFields(visible).find((f) => f.id === field.id);
    const hop = seen && hopTarget(ctx.metadata, seen);
    if (!seen || (hopTarget(full, field)?.kind === 'record' && hop?.kind !== 'record')) {
      values[field.key] = null;
      continue;
    }
    const related = values[field.key];
    if (hop?.kind !== 'record' || !related || typeof related !== 'object') continue;
    const [readable] = await records.getMany(ctx, hop.object, [String(row[field.key])]);
    if (!readable) {
      values[field.key] = null;
      continue;
    }
    const shown = new Set(activeFields(hop.object).map((f) => f.key));
    for (const key of Object.keys(related as Values))
      if (key !== 'id' && !shown.has(key)) (related as Values)[key] = null;
  }
  for (const field of fields) {
    if (field.type !== 'DATE' && field.type !== 'DATETIME') continue;
    const parts = field.path.split('.');
    const parent = valueAt(values, parts.slice(1, -1).join('.') || '') as Values | null;
    const holder = parts.length === 2 ? values : parent;
    const key = parts.at(-1)!;
    if (parts[0] === 'record' && holder && typeof holder === 'object' && key in holder)
      holder[key] = formatDate(field.type, holder[key]);
  }
  return values;
}

export function todayText(now = new Date()): string {
  return dateFormat.format(now);
}
