import {
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { activeObject, stageFields } from '../pipelines/index.js';
import { BadInput } from '../platform/index.js';
import { fieldForQuery, isManyToOne, targetObject, visibleFields } from '../records/index.js';
import {
  dateBuckets,
  defaultReportRows,
  maxGroupBys,
  maxMeasures,
  maxReportRows,
  measureKinds,
  type DateBucket,
  type ReportDefinition,
  type ReportMeasure,
} from './model.js';

/** A report definition checked against the workspace's metadata, with the SQL each part reads. */

export const numericTypes = ['NUMBER', 'CURRENCY', 'PERCENT'];
// A rating is a small whole number: its average (a listing's interest after viewings) means something.
const measurableTypes = [...numericTypes, 'RATING'];
const dateTypes = ['DATE', 'DATETIME'];
// Values that are not one comparable scalar: grouping by them means nothing.
const ungroupable = ['LONG_TEXT', 'MULTI_SELECT', 'CURRENCY'];

/** A field reached from the report's object: its own, or one hop through a MANY_TO_ONE relation. */
export interface FieldRef {
  path: string;
  field: FieldDef;
  /** The relation crossed, when the field belongs to the related record. */
  via: FieldDef | null;
  /** The SQL of its (first) column, on the report's row or the joined related row. */
  column: string;
}

export interface ResolvedGroup extends FieldRef {
  bucket: DateBucket | null;
  /** The grouped value, in the inner select. */
  expr: string;
  exprParams: unknown[];
}

export interface ResolvedMeasure {
  kind: ReportMeasure['kind'];
  ref: FieldRef | null;
  label: string;
  /** The per-row value aggregated (null for COUNT). */
  value: string | null;
  valueParams: unknown[];
}

export interface ResolvedReport {
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  groups: ResolvedGroup[];
  measures: ResolvedMeasure[];
  /** The CURRENCY field whose code splits the rows (per-currency totals), if any measure is money. */
  currency: FieldRef | null;
  /** `left join …` of the related tables the definition reads. */
  joins: string[];
  limit: number;
  timeZone: string;
  definition: ReportDefinition;
}

export const rowAlias = 't';

/** Resolves a definition; every problem is a BAD_USER_INPUT at `path` + the part's place. */
export function resolveReport(
  metadata: WorkspaceMetadata,
  definition: ReportDefinition,
  path: string[],
): ResolvedReport {
  const object = activeObject(metadata, definition.object, [...path, 'object']);
  const timeZone = checkTimeZone(definition.timeZone ?? 'UTC', [...path, 'timeZone']);
  const joins = new Map<string, string>();
  const refOf = (key: string, at: string[]) => fieldRef(metadata, object, key, at, joins);
  if (definition.groupBy.length > maxGroupBys)
    throw new BadInput([...path, 'groupBy'], `At most ${maxGroupBys} group-by dimensions.`);
  const groups = definition.groupBy.map((g, i) => {
    const at = [...path, 'groupBy', String(i), 'field'];
    const ref = refOf(g.field, at);
    if (ungroupable.includes(ref.field.type))
      throw new BadInput(at, `“${g.field}” (${ref.field.type}) cannot be grouped by.`);
    return groupOf(ref, g.bucket ?? null, timeZone, [...path, 'groupBy', String(i), 'bucket']);
  });
  if (!definition.measures.length)
    throw new BadInput([...path, 'measures'], 'A report needs at least one measure (COUNT counts records).');
  if (definition.measures.length > maxMeasures)
    throw new BadInput([...path, 'measures'], `At most ${maxMeasures} measures.`);
  const money = definition.measures
    .map((m, i) => (m.field && m.kind !== 'DISTINCT' && m.kind !== 'COUNT' ? { m, i } : null))
    .find(
      (x) => x && refOf(x.m.field!, [...path, 'measures', String(x.i), 'field']).field.type === 'CURRENCY',
    );
  const currency = money ? refOf(money.m.field!, [...path, 'measures', String(money.i), 'field']) : null;
  const measures = definition.measures.map((m, i) =>
    measureOf(object, m, currency, (key) => refOf(key, [...path, 'measures', String(i), 'field']), [
      ...path,
      'measures',
      String(i),
    ]),
  );
  const limit = definition.limit ?? defaultReportRows;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxReportRows)
    throw new BadInput([...path, 'limit'], `limit: a whole number from 1 to ${maxReportRows}.`);
  definition.sort.forEach((s, i) => {
    const [kind, n] = [s.key[0], Number(s.key.slice(1))];
    const count = kind === 'g' ? groups.length : kind === 'm' ? measures.length : 0;
    if (!/^[gm]\d$/.test(s.key) || n >= count)
      throw new BadInput(
        [...path, 'sort', String(i), 'key'],
        `“${s.key}” is not a column of this report (g0…g${groups.length - 1}, m0…m${measures.length - 1}).`,
      );
  });
  return {
    metadata,
    object,
    groups,
    measures,
    currency,
    joins: [...joins.values()],
    limit,
    timeZone,
    definition,
  };
}

function checkTimeZone(zone: string, path: string[]): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw new BadInput(path, `“${zone.slice(0, 60)}” is not an IANA time zone.`);
  }
}

/** A field by key or `relation.field`; archived and unknown ones are refused, naming them. */
export function fieldRef(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  key: string,
  path: string[],
  joins: Map<string, string>,
): FieldRef {
  const [head, tail, ...rest] = key.split('.');
  if (rest.length) throw new BadInput(path, `“${key}”: related fields go one hop deep (relation.field).`);
  const own = ownField(object, head!, path);
  if (tail === undefined)
    return { path: key, field: own, via: null, column: `${rowAlias}.${quote(own.column!)}` };
  if (!isManyToOne(own))
    throw new BadInput(path, `“${head}” is not a relation to one record: no “${key}” to report on.`);
  const target = targetObject(metadata, own, path);
  const field = ownField(target, tail, path);
  const alias = `rel_${own.column}`;
  joins.set(
    alias,
    `left join ${qualified(metadata.schema, target.table)} ${alias} on ${alias}.id = ${rowAlias}.${quote(own.column!)} and ${alias}.deleted_at is null`,
  );
  return { path: key, field, via: own, column: `${alias}.${quote(field.column!)}` };
}

function ownField(object: ObjectDef, key: string, path: string[]): FieldDef {
  const archived = object.fields.find((f) => f.key === key && f.archivedAt);
  if (archived && !visibleFields(object).some((f) => f.key === key))
    throw new BadInput(path, `“${key}” of ${object.labelSingular} is archived.`);
  const field = fieldForQuery(object, key, path);
  if (!field.column)
    throw new BadInput(path, `“${key}” relates to many records: report on its object instead.`);
  return field;
}

function groupOf(ref: FieldRef, bucket: DateBucket | null, timeZone: string, path: string[]): ResolvedGroup {
  if (!dateTypes.includes(ref.field.type)) {
    if (bucket) throw new BadInput(path, `A bucket applies to DATE and DATETIME fields, not “${ref.path}”.`);
    return { ...ref, bucket: null, expr: ref.column, exprParams: [] };
  }
  const unit = bucket ?? 'MONTH';
  if (!dateBuckets.includes(unit)) throw new BadInput(path, `bucket: one of ${dateBuckets.join(', ')}.`);
  // DATETIME buckets begin at local midnight of the report's zone; a DATE has no zone.
  const local = ref.field.type === 'DATETIME' ? `(${ref.column} at time zone ?)` : ref.column;
  return {
    ...ref,
    bucket: unit,
    expr: `date_trunc('${unit.toLowerCase()}', ${local})::date`,
    exprParams: ref.field.type === 'DATETIME' ? [timeZone] : [],
  };
}

function measureOf(
  object: ObjectDef,
  measure: ReportMeasure,
  currency: FieldRef | null,
  refOf: (key: string) => FieldRef,
  path: string[],
): ResolvedMeasure {
  if (!measureKinds.includes(measure.kind))
    throw new BadInput([...path, 'kind'], `kind: one of ${measureKinds.join(', ')}.`);
  const label = measure.label?.trim() || '';
  if (measure.kind === 'COUNT') return { kind: 'COUNT', ref: null, label, value: null, valueParams: [] };
  if (!measure.field) throw new BadInput([...path, 'field'], `${measure.kind} needs a field.`);
  const ref = refOf(measure.field);
  if (measure.kind === 'DISTINCT')
    return { kind: 'DISTINCT', ref, label, value: ref.column, valueParams: [] };
  if (measure.kind === 'AVG_DAYS' || measure.kind === 'AVG_MINUTES') {
    const dateRef = (key: string, at: string) => {
      const found = at === 'field' ? ref : refOf(key);
      if (!dateTypes.includes(found.field.type))
        throw new BadInput(
          [...path, at],
          `${measure.kind} needs a DATE or DATETIME field; “${key}” is ${found.field.type}.`,
        );
      return `${found.column}::timestamptz`;
    };
    // From the field's moment until `until` or now: a listing's days on market, a lead's wait,
    // the minutes from a lead's arrival to its first contact (rows without `until` are left out).
    const from = dateRef(measure.field, 'field');
    const until = measure.until ? dateRef(measure.until, 'until') : 'now()';
    const unit = measure.kind === 'AVG_DAYS' ? 86400 : 60;
    const value = `extract(epoch from ${until} - ${from}) / ${unit}`;
    return { kind: measure.kind, ref, label, value, valueParams: [] };
  }
  if (!measurableTypes.includes(ref.field.type))
    throw new BadInput(
      [...path, 'field'],
      `${measure.kind} needs a NUMBER, CURRENCY, PERCENT or RATING field; “${measure.field}” is ${ref.field.type}.`,
    );
  // Money of another field counts only where its currency is the row's (the split's) currency.
  const sameCurrency =
    ref.field.type === 'CURRENCY' && currency && currency.column !== ref.column
      ? ` and ${currencyColumn(ref)} = ${currencyColumn(currency)}`
      : '';
  const value = sameCurrency ? `case when true${sameCurrency} then ${ref.column} end` : ref.column;
  if (measure.kind !== 'WEIGHTED') return { kind: measure.kind, ref, label, value, valueParams: [] };
  const stage = stageFields(object)[0];
  if (!stage)
    throw new BadInput(
      [...path, 'kind'],
      `WEIGHTED needs a pipeline: ${object.labelSingular} has no stage field.`,
    );
  const probabilities = Object.fromEntries(
    (stage.options.pipelines ?? []).flatMap((p) => p.stages.map((s) => [s.key, s.probability])),
  );
  return {
    kind: 'WEIGHTED',
    ref,
    label,
    value: `(${value}) * coalesce((?::jsonb ->> ${rowAlias}.${quote(stage.column!)})::numeric, 0) / 100`,
    valueParams: [JSON.stringify(probabilities)],
  };
}

export function currencyColumn(ref: FieldRef): string {
  return ref.column.replace(/"$/, '_currency"');
}
