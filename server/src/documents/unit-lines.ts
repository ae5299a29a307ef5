import { Decimal } from 'decimal.js';
import {
  activeObjects,
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import type { RecordContext } from '../records/index.js';
import type { LineColumn, LineSource, LineTable, PricedItem } from './lines.js';

/** A unit sold as one: the record a to-one relation names and the records of its to-many parts. */
export interface UnitLineSourceConfig {
  objectKey: string;
  key: string;
  label: string;
  /** The object's to-one relation naming the unit (a deal's `boat`). */
  via: string;
  /** What the unit's own line is called (`Hull`): its price is the unit's own. */
  unitLine: string;
  /** The unit's to-many relations whose records are priced parts (`engines`, `trailers`). */
  parts: string[];
  /** The CURRENCY field on the unit and on every part. */
  priceField: string;
  /** The total's label (`Package price`). */
  totalLabel: string;
}

const columns: LineColumn[] = [
  { key: 'item', label: 'Item', numeric: false },
  { key: 'price', label: 'Price', numeric: true },
];

const active = (object: ObjectDef, key: string): FieldDef | undefined =>
  object.fields.find((f) => f.key === key && !f.archivedAt);

/** The object's label column: its label field, else `name`. */
function labelColumn(object: ObjectDef): string | null {
  const field = object.fields.find((f) => f.id === object.labelFieldId) ?? active(object, 'name');
  return field?.column ?? null;
}

/** Rows of `object` matching `where`, in the caller’s read scope, with their label and price, by label. */
async function pricedRows(
  ctx: RecordContext,
  object: ObjectDef,
  priceField: string,
  where: { sql: string; params: unknown[] },
): Promise<PricedItem[]> {
  const price = active(object, priceField);
  const label = labelColumn(object);
  const readable = ctx.scope?.rows(object, 'read', 't') ?? { sql: 'true', params: [] };
  const amount = price?.column ? `t.${quote(price.column)}::text` : 'null';
  const currency = price?.column ? `t.${quote(`${price.column}_currency`)}` : 'null';
  return ctx.em.execute<PricedItem[]>(
    `select ${label ? `t.${quote(label)}` : `''`} as label, ${amount} as amount, ${currency} as currency
     from ${qualified(ctx.metadata.schema, object.table)} t
     where ${where.sql} and t.deleted_at is null and (${readable.sql})
     order by label, t.id`,
    [...where.params, ...readable.params],
  );
}

function money(amount: Decimal, currency: string | null): string {
  if (!currency) return amount.toString();
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(
      amount.toString() as Intl.StringNumericLiteral,
    );
  } catch {
    return `${amount.toString()} ${currency}`;
  }
}

/** The unit's object, reached through the owner's to-one relation `via` (a deal's `boat`). */
function unitObjectOf(metadata: WorkspaceMetadata, config: UnitLineSourceConfig): ObjectDef | null {
  const objects = activeObjects(metadata);
  const object = objects.find((o) => o.key === config.objectKey);
  const via = object && active(object, config.via);
  return objects.find((o) => o.id === via?.options.targetObjectId) ?? null;
}

/** The unit the owner record names (the deal's boat), in the caller's read scope; null when none. */
async function unitOf(
  ctx: RecordContext,
  config: UnitLineSourceConfig,
  recordId: string,
): Promise<string | null> {
  const object = activeObjects(ctx.metadata).find((o) => o.key === config.objectKey);
  const via = object && active(object, config.via);
  if (!object || !via?.column) return null;
  const readable = ctx.scope?.rows(object, 'read', 't') ?? { sql: 'true', params: [] };
  const [owner] = await ctx.em.execute<{ unit: string | null }[]>(
    `select t.${quote(via.column)} as unit from ${qualified(ctx.metadata.schema, object.table)} t
     where t.id = ? and t.deleted_at is null and (${readable.sql})`,
    [recordId, ...readable.params],
  );
  return owner?.unit ?? null;
}

/** The unit's own line (`Hull – …`) and one per part, as the caller may read them; null: no such unit. */
async function unitItems(
  ctx: RecordContext,
  config: UnitLineSourceConfig,
  unitId: string,
): Promise<{ unitLabel: string; items: PricedItem[] } | null> {
  const objects = activeObjects(ctx.metadata);
  const unit = unitObjectOf(ctx.metadata, config);
  if (!unit) return null;
  const [own] = await pricedRows(ctx, unit, config.priceField, { sql: 't.id = ?', params: [unitId] });
  if (!own) return null;
  const items = [{ ...own, label: `${config.unitLine} – ${own.label}` }];
  for (const key of config.parts) {
    const relation = active(unit, key);
    const part = objects.find((o) => o.id === relation?.options.targetObjectId);
    const inverse = part?.fields.find((f) => f.id === relation?.options.inverseFieldId && !f.archivedAt);
    if (!part || !inverse?.column) continue;
    items.push(
      ...(await pricedRows(ctx, part, config.priceField, {
        sql: `t.${quote(inverse.column)} = ?`,
        params: [unitId],
      })),
    );
  }
  return { unitLabel: own.label, items };
}

/**
 * A lines block priced as a package (`source: boatPackage` on a deal): the unit's own line,
 * one per part, and the package price, summed exactly (decimal.js) on the server. Parts in
 * another currency than the unit's are listed and left out of the total, which says so. The
 * same items are what a quote takes as lines (`package`, see quotes' addQuoteLinesFrom).
 */
export function unitLineSource(config: UnitLineSourceConfig): LineSource {
  return {
    objectKey: config.objectKey,
    key: config.key,
    label: config.label,
    columns: () => columns,
    fixedColumns: columns,
    package: {
      unitObject: (metadata) => unitObjectOf(metadata, config),
      unitOf: (ctx, recordId) => unitOf(ctx, config, recordId),
      items: (ctx, unitId) => unitItems(ctx, config, unitId),
    },
    async read(ctx, recordId, wanted): Promise<LineTable> {
      const shown = columns.filter((c) => wanted.includes(c.key));
      const empty: LineTable = { columns: shown, rows: [], totals: [] };
      const unitId = await unitOf(ctx, config, recordId);
      const found = unitId ? await unitItems(ctx, config, unitId) : null;
      if (!found) return empty;
      const lines = found.items;
      const own = lines[0]!;
      const currency = own.currency ?? lines.find((l) => l.currency)?.currency ?? null;
      const priced = lines.filter((l) => l.amount !== null && (l.currency ?? currency) === currency);
      const total = priced.reduce((sum, l) => sum.plus(l.amount!), new Decimal(0));
      const cells = (line: PricedItem): Record<string, string> => ({
        item: line.label,
        price: line.amount === null ? '' : money(new Decimal(line.amount), line.currency ?? currency),
      });
      return {
        columns: shown,
        rows: lines.map((line) => shown.map((c) => cells(line)[c.key] ?? '')),
        totals: [
          {
            label: priced.length < lines.length ? `${config.totalLabel} (priced items)` : config.totalLabel,
            value: money(total, currency),
          },
        ],
      };
    },
  };
}
