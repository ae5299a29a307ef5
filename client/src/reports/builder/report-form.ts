import { i18n } from '../../i18n';
import type { FieldDef, ObjectDef } from '../../metadata';
import {
  buildFilter,
  conditionsFromFilter,
  matchOfFilter,
  type Condition,
  type Match,
} from '../../records/filters';
import { targetOf } from '../../records/record-documents';
import type { ChartType } from '../charts/report-data';
import type { DateBucket, MeasureKind, ReportDefinitionInput, SavedReport } from '../operations';

/** What the builder edits: a report's definition as form rows, and how to draw it. */
export interface ReportDraft {
  name: string;
  shared: boolean;
  object: string;
  conditions: Condition[];
  match: Match;
  groupBy: { field: string; bucket: DateBucket | null }[];
  /** `until` is kept as saved (a template's speed-to-lead span); the builder does not edit it. */
  measures: { kind: MeasureKind; field: string | null; until?: string | null }[];
  chart: ChartType;
  limit: number | null;
}

/** The date buckets offered, worded by `reports.bucketOptions.<bucket>`. */
export const dateBuckets: DateBucket[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

/** The measures offered, worded by `reports.measureKinds.<kind>` (and named by `reports.measureNames`). */
export const measureKinds: MeasureKind[] = [
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'WEIGHTED',
  'DISTINCT',
  'AVG_DAYS',
  'AVG_MINUTES',
];

/** A field the builder offers: the object's own, or one of a related record's (`company.industry`). */
export interface FieldChoice {
  key: string;
  label: string;
  type: FieldDef['type'];
}

const ungroupable = new Set<FieldDef['type']>(['LONG_TEXT', 'MULTI_SELECT', 'CURRENCY']);
const numeric = new Set<FieldDef['type']>(['NUMBER', 'CURRENCY', 'PERCENT', 'RATING']);
export const isDateType = (type: FieldDef['type'] | undefined) => type === 'DATE' || type === 'DATETIME';

function ownChoices(object: ObjectDef): FieldChoice[] {
  return object.fields.map((f) => ({ key: f.key, label: f.label, type: f.type }));
}

/** Own fields, then the fields of each many-to-one relation's target, one hop away. */
export function fieldChoices(object: ObjectDef, objects: readonly ObjectDef[]): FieldChoice[] {
  const related = object.fields
    .filter((f) => f.type === 'RELATION' && f.settings.relation?.kind === 'MANY_TO_ONE')
    .flatMap((relation) => {
      const target = targetOf(relation, objects);
      if (!target) return [];
      return target.fields
        .filter((f) => f.type !== 'RELATION')
        .map((f) => ({
          key: `${relation.key}.${f.key}`,
          label: `${relation.label} › ${f.label}`,
          type: f.type,
        }));
    });
  return [...ownChoices(object), ...related];
}

export const groupableChoices = (object: ObjectDef, objects: readonly ObjectDef[]) =>
  fieldChoices(object, objects).filter((f) => !ungroupable.has(f.type));

/** The fields a measure may take: numbers for sums and averages, any for a distinct count, none for a count. */
export function measurableChoices(
  kind: MeasureKind,
  object: ObjectDef,
  objects: readonly ObjectDef[],
): FieldChoice[] {
  if (kind === 'COUNT') return [];
  const all = fieldChoices(object, objects);
  if (kind === 'DISTINCT') return all;
  if (kind === 'AVG_DAYS' || kind === 'AVG_MINUTES') return all.filter((f) => isDateType(f.type));
  if (kind === 'WEIGHTED') return ownChoices(object).filter((f) => numeric.has(f.type));
  return all.filter((f) => numeric.has(f.type));
}

/** A new report on an object: records counted by the first date field by month (or its label), as bars. */
export function newDraft(object: ObjectDef, objects: readonly ObjectDef[]): ReportDraft {
  const first = groupableChoices(object, objects).find((f) => f.type === 'STAGE' || f.type === 'SELECT');
  return {
    name: '',
    shared: true,
    object: object.key,
    conditions: [],
    match: 'all',
    groupBy: first ? [{ field: first.key, bucket: null }] : [],
    measures: [{ kind: 'COUNT', field: null }],
    chart: 'BAR',
    limit: null,
  };
}

/** A measure's row after its kind changed: keeps its field when the new kind takes it. */
export function withKind(
  measure: ReportDraft['measures'][number],
  kind: MeasureKind,
  object: ObjectDef,
  objects: readonly ObjectDef[],
): ReportDraft['measures'][number] {
  const fields = measurableChoices(kind, object, objects);
  const field = fields.some((f) => f.key === measure.field) ? measure.field : (fields[0]?.key ?? null);
  return { kind, field: kind === 'COUNT' ? null : field };
}

/** A group-by row after its field changed: dates get a month bucket, others none. */
export function withGroupField(
  field: string,
  choices: readonly FieldChoice[],
): ReportDraft['groupBy'][number] {
  const type = choices.find((f) => f.key === field)?.type;
  return { field, bucket: isDateType(type) ? 'MONTH' : null };
}

/** The definition the server runs and saves. */
export function definitionOf(
  draft: ReportDraft,
  object: ObjectDef,
  objects: readonly ObjectDef[],
): ReportDefinitionInput {
  return {
    object: draft.object,
    filter: buildFilter(object, draft.conditions, objects, draft.match),
    groupBy: draft.groupBy.map((g) => ({ field: g.field, bucket: g.bucket })),
    measures: draft.measures.map((m) => ({
      kind: m.kind,
      field: m.kind === 'COUNT' ? null : m.field,
      ...(m.until ? { until: m.until } : {}),
      label: measureLabel(m, fieldChoices(object, objects)),
    })),
    limit: draft.limit,
  };
}

/**
 * A measure's name in charts and exports: "Count", "Sum of Amount", "Distinct count of Owner",
 * in the language of the person saving (it is saved with the report, as its name is).
 */
export function measureLabel(
  measure: ReportDraft['measures'][number],
  choices: readonly FieldChoice[],
): string {
  if (!measureKinds.includes(measure.kind)) return measure.kind;
  const field = choices.find((c) => c.key === measure.field)?.label ?? measure.field ?? '';
  return i18n.global.t(`reports.measureNames.${measure.kind}`, { field }).trim();
}

/** A saved report back into the builder. */
export function draftOf(report: SavedReport, chart: ChartType = 'BAR'): ReportDraft {
  const { definition } = report;
  return {
    name: report.name,
    shared: report.shared,
    object: definition.object,
    conditions: conditionsFromFilter(definition.filter),
    match: matchOfFilter(definition.filter),
    groupBy: definition.groupBy.map((g) => ({ field: g.field, bucket: g.bucket ?? null })),
    measures: definition.measures.map((m) => ({
      kind: m.kind,
      field: m.field ?? null,
      ...(m.until ? { until: m.until } : {}),
    })),
    chart,
    limit: definition.limit ?? null,
  };
}
