import { i18n } from '../i18n';
import type { FieldDef, ObjectDef } from '../metadata';
import {
  conversionDraftOf,
  conversionErrorInput,
  conversionOf,
  emptyConversion,
  type ConversionDraft,
} from './conversion-form';

/**
 * The rating-model editor's logic: a model (docs/duplicates-and-rating.md) as a draft of
 * texts a person types, back to the model the server checks, and the server's error paths
 * (model.rules.2.via) as the inputs they name. Numbers are sent as typed when they do not
 * parse, so the server's message, beside the input, says what it wants.
 */

export type RuleKind = 'FIELD' | 'ACTIVITY' | 'EMAILS_ANSWERED' | 'RECENCY';
export type FieldOperator = 'isNotEmpty' | 'eq' | 'in' | 'gte' | 'lte';

export interface RuleDraft {
  kind: RuleKind;
  points: string;
  /** FIELD: the field; RECENCY: the date field ('' for createdAt). */
  field: string;
  operator: FieldOperator;
  /** FIELD: the value compared (a list, comma-separated, for `in`). */
  value: string;
  /** ACTIVITY: `object.via`, a relation of another object pointing at this one. */
  activity: string;
  max: string;
  withinDays: string;
  halfLifeDays: string;
}

export interface ModelDraft {
  scoreField: string;
  bandField: string;
  hot: string;
  warm: string;
  rules: RuleDraft[];
  /** Lead conversion: whether the object plays the lead role, and into what. */
  conversion: ConversionDraft;
}

/** The kinds of rule, in the order offered (named by `leads.rating.kinds.<kind>`). */
export const ruleKinds: readonly RuleKind[] = ['FIELD', 'ACTIVITY', 'EMAILS_ANSWERED', 'RECENCY'];

/** A field rule's conditions (named by `leads.rating.operators.<operator>`). */
export const operators: readonly FieldOperator[] = ['isNotEmpty', 'eq', 'in', 'gte', 'lte'];

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export function newRule(kind: RuleKind): RuleDraft {
  return {
    kind,
    points: kind === 'RECENCY' ? '20' : '10',
    field: '',
    operator: 'isNotEmpty',
    value: '',
    activity: '',
    max: '',
    withinDays: '',
    halfLifeDays: kind === 'RECENCY' ? '14' : '',
  };
}

export function emptyDraft(): ModelDraft {
  return {
    scoreField: 'leadScore',
    bandField: 'leadBand',
    hot: '60',
    warm: '30',
    rules: [],
    conversion: emptyConversion(),
  };
}

/** A saved model as the form shows it. */
export function draftOf(model: Record<string, unknown> | null | undefined): ModelDraft {
  if (!model) return emptyDraft();
  const thresholds = (model.thresholds ?? {}) as { hot?: number; warm?: number };
  const rules = Array.isArray(model.rules) ? (model.rules as Record<string, unknown>[]) : [];
  return {
    scoreField: text(model.scoreField ?? 'leadScore'),
    bandField: text(model.bandField ?? 'leadBand'),
    hot: text(thresholds.hot ?? 60),
    warm: text(thresholds.warm ?? 30),
    conversion: conversionDraftOf(model.conversion),
    rules: rules.map((rule) => ({
      ...newRule(rule.kind as RuleKind),
      points: text(rule.points),
      field: text(rule.field),
      operator: (rule.operator as FieldOperator | undefined) ?? 'isNotEmpty',
      value: Array.isArray(rule.value) ? rule.value.join(', ') : text(rule.value),
      activity: rule.kind === 'ACTIVITY' ? `${text(rule.object)}.${text(rule.via)}` : '',
      max: text(rule.max),
      withinDays: text(rule.withinDays),
      halfLifeDays: text(rule.halfLifeDays),
    })),
  };
}

/** A number when the text is one; the text itself (for the server to refuse by path) when not. */
function numberOf(value: string): number | string {
  const trimmed = value.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** An optional number: absent when empty. */
const optional = (value: string) => (value.trim() === '' ? undefined : numberOf(value));

/** A typed value compared with the field's: numbers for NUMBER and CURRENCY, booleans for BOOLEAN. */
function valueOf(field: FieldDef | undefined, value: string): unknown {
  const trimmed = value.trim();
  if (field?.type === 'NUMBER' || field?.type === 'CURRENCY') return numberOf(trimmed);
  if (field?.type === 'BOOLEAN') return trimmed === 'true';
  return trimmed;
}

function ruleOf(object: ObjectDef | null, rule: RuleDraft): Record<string, unknown> {
  const points = numberOf(rule.points);
  switch (rule.kind) {
    case 'FIELD': {
      const field = object?.fields.find((f) => f.key === rule.field);
      const value =
        rule.operator === 'isNotEmpty'
          ? undefined
          : rule.operator === 'in'
            ? rule.value
                .split(',')
                .map((v) => v.trim())
                .filter(Boolean)
                .map((v) => valueOf(field, v))
            : valueOf(field, rule.value);
      return { kind: 'FIELD', field: rule.field, operator: rule.operator, value, points };
    }
    case 'ACTIVITY': {
      const [other = '', via = ''] = rule.activity.split('.');
      return {
        kind: 'ACTIVITY',
        object: other,
        via,
        points,
        max: optional(rule.max),
        withinDays: optional(rule.withinDays),
      };
    }
    case 'EMAILS_ANSWERED':
      return {
        kind: 'EMAILS_ANSWERED',
        points,
        max: optional(rule.max),
        withinDays: optional(rule.withinDays),
      };
    case 'RECENCY':
      return {
        kind: 'RECENCY',
        points,
        halfLifeDays: numberOf(rule.halfLifeDays),
        field: rule.field || undefined,
      };
  }
}

/** The model the server is sent (undefined values drop out of the JSON). */
export function modelOf(draft: ModelDraft, object: ObjectDef | null): Record<string, unknown> {
  const conversion = conversionOf(draft.conversion, object);
  return {
    scoreField: draft.scoreField.trim(),
    bandField: draft.bandField.trim(),
    thresholds: { hot: numberOf(draft.hot), warm: numberOf(draft.warm) },
    rules: draft.rules.map((rule) => ruleOf(object, rule)),
    ...(conversion ? { conversion } : {}),
  };
}

/**
 * The input an error's argumentPath names, as the form keys its inputs: `thresholds.hot`,
 * `rules.2.points`, `rules.0.activity` (the server names an activity rule's object or via),
 * `conversion.person.email` (conversion-form's `conversionErrorInput`).
 */
export function errorInput(argumentPath: readonly string[] | undefined): string | null {
  if (!argumentPath || argumentPath[0] !== 'model') return null;
  const [, part, index, input] = argumentPath;
  if (part === 'rules' && index !== undefined) {
    const name = input === 'object' || input === 'via' ? 'activity' : (input ?? 'kind');
    return `rules.${index}.${name}`;
  }
  if (part === 'thresholds') return `thresholds.${index ?? 'hot'}`;
  if (part === 'conversion') return conversionErrorInput(argumentPath.slice(2));
  return part === 'scoreField' || part === 'bandField' ? part : null;
}

/** Relations of other objects pointing at this one (many to one): what activity counts. */
export function activitySources(
  objects: readonly ObjectDef[],
  object: ObjectDef | null,
): { value: string; label: string }[] {
  if (!object) return [];
  return objects.flatMap((other) =>
    other.fields
      .filter(
        (f) =>
          f.type === 'RELATION' &&
          f.settings.relation?.kind === 'MANY_TO_ONE' &&
          f.settings.relation.targetObjectKey === object.key,
      )
      .map((f) => ({
        value: `${other.key}.${f.key}`,
        label: i18n.global.t('leads.rating.activitySource', { objects: other.labelPlural, field: f.label }),
      })),
  );
}

/** Fields a field rule can test: not the score and band the model writes, nor system fields. */
export function ratedFields(object: ObjectDef | null, draft: ModelDraft): FieldDef[] {
  return (object?.fields ?? []).filter(
    (f) => !f.system && f.type !== 'RELATION' && f.key !== draft.scoreField && f.key !== draft.bandField,
  );
}

/** DATE and DATETIME fields a recency rule can count from (createdAt among them). */
export function dateFields(object: ObjectDef | null): FieldDef[] {
  return (object?.fields ?? []).filter((f) => f.type === 'DATE' || f.type === 'DATETIME');
}
