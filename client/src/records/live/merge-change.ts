import type { FieldDef, ObjectDef } from '../../metadata';
import type { Linked, RecordData } from '../field-values';
import type { RecordChangeEvent } from '@crm/contracts';
import { labelFieldOf, targetOf } from '../record-documents';

/**
 * A pushed change (`recordChanged`) merged into a record a view holds, so a view answers a
 * push without a pull. The event carries field values as the change log stores them
 * (members and related records as ids); views hold them in one of two shapes:
 * - `api`: as the records API answers (tables, the record page, the calendar): members as
 *   `{id name}`, related records as `{id <label>}` — the names come from a LabelBook;
 * - `row`: as the board answers (the record's row): ids, like the event.
 */
export type HeldShape = 'api' | 'row';

/** What a merge needs to know about the view: its object and how it holds values. */
export interface MergeContext {
  object: ObjectDef;
  objects: readonly ObjectDef[];
  shape: HeldShape;
  labels: LabelBook;
}

/** Names of members and related records already known, so pushed ids can be shown by name. */
export class LabelBook {
  private readonly members = new Map<string, Linked>();
  private readonly records = new Map<string, Linked>();

  member(id: string): Linked | undefined {
    return this.members.get(id);
  }

  record(target: ObjectDef, id: string): Linked | undefined {
    // A target without a text label shows its records as "Untitled": nothing to look up.
    return this.records.get(`${target.key}:${id}`) ?? (labelFieldOf(target) ? undefined : { id });
  }

  learnMember(value: Linked): void {
    this.members.set(value.id, value);
  }

  learnRecord(target: ObjectDef, value: Linked): void {
    this.records.set(`${target.key}:${value.id}`, value);
  }

  /** Every member and related record `records` (held in the `api` shape) show. */
  learnFrom(object: ObjectDef, objects: readonly ObjectDef[], records: readonly RecordData[]): void {
    for (const field of object.fields) {
      const target = field.type === 'RELATION' ? targetOf(field, objects) : null;
      if (field.type !== 'USER' && !target) continue;
      for (const record of records) {
        for (const value of linkedValues(record[field.key])) {
          if (target) this.learnRecord(target, value);
          else this.learnMember(value);
        }
      }
    }
  }
}

function linkedValues(value: unknown): Linked[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Linked => typeof v === 'object' && v !== null && typeof v.id === 'string');
}

/** The ids a pushed value names (one, several or none). */
export function idsOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** Ids the view must name before it can show `change`: members, and related records per target. */
export interface MissingLabels {
  members: string[];
  records: Map<ObjectDef, string[]>;
}

/** Fields of the object a change may name, with the system fields every change sets. */
function fieldOf(object: ObjectDef, key: string): FieldDef | undefined {
  return object.fields.find((f) => f.key === key);
}

/** The names `change` needs that `context.labels` lacks (none in the `row` shape). */
export function missingLabels(change: RecordChangeEvent, context: MergeContext): MissingLabels {
  const missing: MissingLabels = { members: [], records: new Map() };
  if (context.shape === 'row') return missing;
  const { object, objects, labels } = context;
  const wantMember = (id: string | null) => {
    if (id && !labels.member(id) && !missing.members.includes(id)) missing.members.push(id);
  };
  if (fieldOf(object, 'updatedBy')) wantMember(change.actorId);
  if (change.kind === 'create' && fieldOf(object, 'createdBy')) wantMember(change.actorId);
  for (const [key, value] of Object.entries(change.values)) {
    const field = fieldOf(object, key);
    if (field?.type === 'USER') idsOf(value).forEach(wantMember);
    const target = field?.type === 'RELATION' ? targetOf(field, objects) : null;
    if (!target) continue;
    const unknown = idsOf(value).filter((id) => !labels.record(target, id));
    if (!unknown.length) continue;
    const list = missing.records.get(target) ?? [];
    missing.records.set(target, [...new Set([...list, ...unknown])]);
  }
  return missing;
}

export function hasMissing(missing: MissingLabels): boolean {
  return missing.members.length > 0 || missing.records.size > 0;
}

/** A pushed value in the view's shape (ids named from the LabelBook, else shown as unnamed). */
export function heldValue(field: FieldDef | undefined, value: unknown, context: MergeContext): unknown {
  if (!field || context.shape === 'row' || value === null || value === undefined) return value ?? null;
  if (field.type === 'USER') {
    const id = String(value);
    return context.labels.member(id) ?? { id, name: null };
  }
  const target = field.type === 'RELATION' ? targetOf(field, context.objects) : null;
  if (!target) return value;
  const named = (id: string) => context.labels.record(target, id) ?? { id };
  return Array.isArray(value) ? idsOf(value).map(named) : named(String(value));
}

/** The id(s) behind a held value, as the event and the records API's filters name them. */
export function rawValue(field: FieldDef | undefined, value: unknown): unknown {
  if (!field || (field.type !== 'USER' && field.type !== 'RELATION')) return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? v.id : v));
  return typeof value === 'object' && value !== null ? (value as Linked).id : value;
}

/** The change was already applied (the writer's own mutation result, or a repeat). */
export function isApplied(record: RecordData, change: RecordChangeEvent): boolean {
  return change.version <= record.version;
}

/**
 * Whether the change can be merged into the record as held: it is the next version and
 * says what changed. A skipped version (a change missed) or a restore (whose event carries
 * no fields) needs the record read again.
 */
export function canMerge(record: RecordData, change: RecordChangeEvent): boolean {
  return change.version === record.version + 1 && (change.kind === 'update' || change.kind === 'create');
}

/** The record with the change's values, its version and who changed it when. */
export function mergeChange(
  record: RecordData,
  change: RecordChangeEvent,
  context: MergeContext,
): RecordData {
  const merged: RecordData = { ...record, version: change.version };
  for (const [key, value] of Object.entries(change.values)) {
    const field = fieldOf(context.object, key);
    if (field || key in record) merged[key] = heldValue(field, value, context);
  }
  stampChange(merged, change, context);
  return merged;
}

/** The updated time and author every write sets, which the change event carries beside its values. */
function stampChange(record: RecordData, change: RecordChangeEvent, context: MergeContext): void {
  const updatedBy = fieldOf(context.object, 'updatedBy');
  if (fieldOf(context.object, 'updatedAt') || 'updatedAt' in record) record.updatedAt = change.at;
  if (updatedBy || 'updatedBy' in record) record.updatedBy = heldValue(updatedBy, change.actorId, context);
}

/** A created record from its creation event: every field it was written with, the others empty. */
export function recordFromCreate(change: RecordChangeEvent, context: MergeContext): RecordData {
  const record: RecordData = { id: change.recordId, version: change.version };
  for (const field of context.object.fields) {
    if (field.type === 'RELATION' && !targetOf(field, context.objects)) continue;
    record[field.key] = emptyValue(field);
  }
  record.createdAt = change.at;
  record.createdBy = heldValue(fieldOf(context.object, 'createdBy'), change.actorId, context);
  record.rank = null;
  return mergeChange({ ...record, version: change.version - 1 }, change, context);
}

function emptyValue(field: FieldDef): unknown {
  if (field.type === 'MULTI_SELECT') return [];
  if (field.type === 'RELATION' && field.settings.relation?.kind !== 'MANY_TO_ONE') return [];
  return null;
}
