import { activeFields, type FieldDef, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { displayValue } from '../mail/index.js';
import type { RecordContext, RecordStore } from '../records/index.js';

/** A column of a line-items table. */
export interface LineColumn {
  key: string;
  label: string;
  /** Numbers and money align right. */
  numeric: boolean;
}

/** What a lines block shows: a header, the lines (display text per column) and totals below. */
export interface LineTable {
  columns: LineColumn[];
  rows: string[][];
  totals: { label: string; value: string }[];
}

/**
 * Where a lines block reads its lines. Built in: a ONE_TO_MANY relation of the object (a
 * property's viewings, a quote's line records). A module that computes its own lines and
 * totals (quotes, with decimal arithmetic) registers one by object and key in
 * DocumentsServices.lineSources; it is asked with the caller's scoped record context.
 */
export interface LineSource {
  objectKey: string;
  key: string;
  label: string;
  /** The columns it can show, by key. */
  columns(metadata: WorkspaceMetadata): LineColumn[];
  /**
   * Set when the columns do not depend on the workspace's fields (quote lines): a template
   * file's lines blocks are then checked without a workspace (`pnpm templates validate`).
   */
  fixedColumns?: readonly LineColumn[];
  read(ctx: RecordContext, recordId: string, columns: readonly string[]): Promise<LineTable>;
  /** Set when the lines price a unit sold as one (a boat package), which a quote can take as its lines. */
  package?: UnitPackage;
}

/** One priced item of a unit: its label and price (a decimal string) in its currency, either unset. */
export interface PricedItem {
  label: string;
  amount: string | null;
  currency: string | null;
}

/** A unit sold as one: which object the unit is, which one a record names, and its priced items. */
export interface UnitPackage {
  unitObject(metadata: WorkspaceMetadata): ObjectDef | null;
  /** The unit the owner record names (a deal's boat), in the caller's scope; null when none. */
  unitOf(ctx: RecordContext, recordId: string): Promise<string | null>;
  /** The unit's own item first, then its parts; null when the caller cannot read such a unit. */
  items(ctx: RecordContext, unitId: string): Promise<{ unitLabel: string; items: PricedItem[] } | null>;
}

const numericTypes = new Set(['NUMBER', 'CURRENCY', 'PERCENT', 'RATING', 'DURATION']);

function lineFields(target: ObjectDef): FieldDef[] {
  return activeFields(target).filter((f) => f.column && f.type !== 'RELATION' && !f.system);
}

/** A ONE_TO_MANY relation of `object` as a line source: its records' fields are the columns. */
export function relationLineSource(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  key: string,
  store: RecordStore | null,
): LineSource | null {
  const field = activeFields(object).find((f) => f.key === key);
  if (field?.type !== 'RELATION' || field.options.relationKind !== 'ONE_TO_MANY') return null;
  const target = metadata.objects.find((o) => o.id === field.options.targetObjectId && !o.archivedAt);
  if (!target) return null;
  const columnsOf = (m: WorkspaceMetadata) => {
    const current = m.objects.find((o) => o.id === target.id);
    return current
      ? lineFields(current).map((f) => ({ key: f.key, label: f.label, numeric: numericTypes.has(f.type) }))
      : [];
  };
  return {
    objectKey: object.key,
    key,
    label: field.label,
    columns: columnsOf,
    async read(ctx, recordId, columns) {
      const current = ctx.metadata.objects.find((o) => o.id === target.id && !o.archivedAt);
      const parent = ctx.metadata.objects.find((o) => o.id === object.id)!;
      const relation = parent.fields.find((f) => f.id === field.id)!;
      // Hidden from the caller: no such fields in their metadata, so the columns show empty.
      const fields = columns.map((c) => (current ? lineFields(current).find((f) => f.key === c) : undefined));
      if (!store) throw new Error('Line sources read records through the record store.');
      const lines =
        current && !relation.archivedAt
          ? ((await store.related(ctx, parent, relation, [recordId])).get(recordId) ?? [])
          : [];
      return {
        columns: columnsOf(metadata).filter((c) => columns.includes(c.key)),
        rows: lines.map((line) => fields.map((f) => (f ? String(displayValue(f, line[f.key]) ?? '') : ''))),
        totals: [],
      };
    },
  };
}

/** The line source `key` of `object`: a registered one first, else its ONE_TO_MANY relation. */
export function findLineSource(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  key: string,
  registered: readonly LineSource[],
  store: RecordStore | null,
): LineSource | null {
  return (
    registered.find((s) => s.objectKey === object.key && s.key === key) ??
    relationLineSource(metadata, object, key, store)
  );
}

/** Every line source `object` offers a lines block: the registered ones, then its ONE_TO_MANY relations. */
export function lineSourcesOf(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  registered: readonly LineSource[],
): LineSource[] {
  const relations = activeFields(object)
    .filter((f) => f.type === 'RELATION' && f.options.relationKind === 'ONE_TO_MANY')
    .map((f) => relationLineSource(metadata, object, f.key, null))
    .filter((s): s is LineSource => s !== null);
  return [...registered.filter((s) => s.objectKey === object.key), ...relations];
}
