import {
  activeFields,
  activeObjects,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { checkConversion, type LeadConversion } from './conversion.js';

export type { LeadConversion } from './conversion.js';

/**
 * A lead-rating model, per object, built without code: points for field values and for
 * activity, summed into a score field and banded hot/warm/cold by admin thresholds. An
 * object whose model has `conversion` plays the lead role: it converts into person,
 * company and deal.
 */

export type FieldOperator = 'isNotEmpty' | 'eq' | 'in' | 'gte' | 'lte';

export type RatingRule =
  /** Points when the record's field matches. */
  | { kind: 'FIELD'; field: string; operator: FieldOperator; value?: unknown; points: number }
  /** Points per related record of `object` pointing here through `via` (created within `withinDays`), capped at `max`. */
  | { kind: 'ACTIVITY'; object: string; via: string; points: number; max?: number; withinDays?: number }
  /** Points per reply received to mail we sent to or about the record (within `withinDays`), capped at `max`. */
  | { kind: 'EMAILS_ANSWERED'; points: number; max?: number; withinDays?: number }
  /** `points`, halved every `halfLifeDays` since the latest of `field` and the newest activity. */
  | { kind: 'RECENCY'; points: number; halfLifeDays: number; field?: string };

export interface RatingModel {
  /** A NUMBER field, created when missing. */
  scoreField: string;
  /** A SELECT field with the options hot, warm, cold, created when missing. */
  bandField: string;
  thresholds: { hot: number; warm: number };
  rules: RatingRule[];
  conversion?: LeadConversion | null;
}

export const bands = ['hot', 'warm', 'cold'] as const;
export type Band = (typeof bands)[number];

export function bandOf(model: RatingModel, score: number): Band {
  if (score >= model.thresholds.hot) return 'hot';
  return score >= model.thresholds.warm ? 'warm' : 'cold';
}

const maxRules = 50;
const operators = new Set<FieldOperator>(['isNotEmpty', 'eq', 'in', 'gte', 'lte']);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function points(value: unknown, path: string[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 10_000)
    throw new BadInput(path, 'points: a number between -10000 and 10000.');
  return value;
}

function positive(value: unknown, path: string[], what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !(value > 0) || value > 100_000)
    throw new BadInput(path, `${what}: a positive number.`);
  return value;
}

function fieldOf(object: ObjectDef, key: unknown, path: string[]): FieldDef {
  const field = activeFields(object).find((f) => f.key === key);
  if (!field) throw new BadInput(path, `No field “${String(key).slice(0, 70)}” on ${object.key}.`);
  return field;
}

function checkRule(metadata: WorkspaceMetadata, object: ObjectDef, input: unknown, at: string[]): RatingRule {
  if (!isObject(input)) throw new BadInput(at, 'A rule is an object with a kind.');
  const p = points(input.points, [...at, 'points']);
  switch (input.kind) {
    case 'FIELD': {
      fieldOf(object, input.field, [...at, 'field']);
      if (!operators.has(input.operator as FieldOperator))
        throw new BadInput([...at, 'operator'], `operator: one of ${[...operators].join(', ')}.`);
      if (input.operator === 'in' && !Array.isArray(input.value))
        throw new BadInput([...at, 'value'], 'value: a list for the in operator.');
      return {
        kind: 'FIELD',
        field: String(input.field),
        operator: input.operator as FieldOperator,
        value: input.value,
        points: p,
      };
    }
    case 'ACTIVITY': {
      const other = activeObjects(metadata).find((o) => o.key === input.object);
      if (!other) throw new BadInput([...at, 'object'], `No object “${String(input.object).slice(0, 70)}”.`);
      const via = fieldOf(other, input.via, [...at, 'via']);
      if (!(
        via.type === 'RELATION' &&
        via.options.relationKind === 'MANY_TO_ONE' &&
        via.options.targetObjectId === object.id
      ))
        throw new BadInput([...at, 'via'], `via: a ${other.key} field pointing at a ${object.key}.`);
      return {
        kind: 'ACTIVITY',
        object: other.key,
        via: via.key,
        points: p,
        max: positive(input.max, [...at, 'max'], 'max'),
        withinDays: positive(input.withinDays, [...at, 'withinDays'], 'withinDays'),
      };
    }
    case 'EMAILS_ANSWERED':
      return {
        kind: 'EMAILS_ANSWERED',
        points: p,
        max: positive(input.max, [...at, 'max'], 'max'),
        withinDays: positive(input.withinDays, [...at, 'withinDays'], 'withinDays'),
      };
    case 'RECENCY': {
      const halfLifeDays = positive(input.halfLifeDays, [...at, 'halfLifeDays'], 'halfLifeDays');
      if (!halfLifeDays) throw new BadInput([...at, 'halfLifeDays'], 'halfLifeDays: a positive number.');
      const field = input.field === undefined ? undefined : fieldOf(object, input.field, [...at, 'field']);
      if (field && !['DATE', 'DATETIME'].includes(field.type))
        throw new BadInput([...at, 'field'], 'field: a DATE or DATETIME field (createdAt, say).');
      return { kind: 'RECENCY', points: p, halfLifeDays, field: field?.key };
    }
    default:
      throw new BadInput([...at, 'kind'], 'kind: FIELD, ACTIVITY, EMAILS_ANSWERED or RECENCY.');
  }
}

/** An admin's model, checked against the metadata; errors name ['model', …]. */
export function checkModel(metadata: WorkspaceMetadata, object: ObjectDef, input: unknown): RatingModel {
  if (!isObject(input)) throw new BadInput(['model'], 'model: an object.');
  const key = (value: unknown, name: string) => {
    if (typeof value !== 'string' || !/^[a-z][A-Za-z0-9]{0,62}$/.test(value))
      throw new BadInput(['model', name], `${name}: a field key (camelCase).`);
    return value;
  };
  const scoreField = key(input.scoreField ?? 'leadScore', 'scoreField');
  const bandField = key(input.bandField ?? 'leadBand', 'bandField');
  const thresholds = isObject(input.thresholds) ? input.thresholds : {};
  const hot = points(thresholds.hot ?? 60, ['model', 'thresholds', 'hot']);
  const warm = points(thresholds.warm ?? 30, ['model', 'thresholds', 'warm']);
  if (warm > hot) throw new BadInput(['model', 'thresholds', 'warm'], 'warm: at most the hot threshold.');
  if (!Array.isArray(input.rules)) throw new BadInput(['model', 'rules'], 'rules: a list.');
  if (input.rules.length > maxRules) throw new BadInput(['model', 'rules'], `rules: at most ${maxRules}.`);
  return {
    scoreField,
    bandField,
    thresholds: { hot, warm },
    rules: input.rules.map((rule, i) => checkRule(metadata, object, rule, ['model', 'rules', String(i)])),
    conversion: checkConversion(metadata, object, input.conversion),
  };
}
