import { fieldFillIssue, type MappedField } from '@crm/contracts';
import {
  activeFields,
  activeObjects,
  valueToSql,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput } from '../platform/index.js';

/**
 * A lead object's conversion, checked against the metadata: each map's target field must be
 * one the conversion may write and its lead field one whose value fits it (the contracts'
 * `fieldFillIssue`, which the client's editor follows too), every required target field is
 * filled, the links are to-one relations to what they name, and the mark is a value of its field.
 */

export interface LeadConversion {
  /** Target field ← lead field, for each record made. */
  person: Record<string, string>;
  company?: Record<string, string>;
  deal?: Record<string, string>;
  /** The lead's relation fields that point at what it became. */
  link?: { person?: string; company?: string; deal?: string };
  /** Set on the lead when converted, e.g. {field: 'status', value: 'converted'}. */
  mark?: { field: string; value: unknown };
}

export const conversionTargets = ['person', 'company', 'deal'] as const;
type Target = (typeof conversionTargets)[number];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldOf(object: ObjectDef, key: unknown, path: string[]): FieldDef {
  const field = activeFields(object).find((f) => f.key === key);
  if (!field) throw new BadInput(path, `No field “${String(key).slice(0, 70)}” on ${object.key}.`);
  return field;
}

function mappedField(metadata: WorkspaceMetadata, field: FieldDef): MappedField {
  return {
    type: field.type,
    choices: field.options.choices?.map((c) => c.key) ?? null,
    relationTarget: metadata.objects.find((o) => o.id === field.options.targetObjectId)?.key ?? null,
    relationKind: field.options.relationKind ?? null,
  };
}

/** A to-one relation of `from` pointing at `to`. */
const pointsAt = (field: FieldDef, to: ObjectDef | undefined) =>
  field.type === 'RELATION' &&
  field.options.relationKind === 'MANY_TO_ONE' &&
  !!to &&
  field.options.targetObjectId === to.id;

/** Required fields of `target` nobody fills: not mapped, no default, not linked by the conversion itself. */
function unfilled(target: ObjectDef, map: Record<string, string>, linked: ObjectDef[]): FieldDef[] {
  return activeFields(target).filter(
    (f) =>
      f.required &&
      !f.system &&
      !f.readOnly &&
      (f.defaultValue === null || f.defaultValue === undefined) &&
      !(f.key in map) &&
      !linked.some((o) => pointsAt(f, o)),
  );
}

function checkMap(
  metadata: WorkspaceMetadata,
  target: ObjectDef | undefined,
  lead: ObjectDef,
  input: unknown,
  linked: ObjectDef[],
  at: string[],
): Record<string, string> {
  if (!target) throw new BadInput(at, 'This workspace has no such object to convert into.');
  if (!isObject(input)) throw new BadInput(at, 'A map of target field → lead field.');
  for (const [to, from] of Object.entries(input)) {
    const targetField = fieldOf(target, to, [...at, to]);
    if (targetField.system || targetField.readOnly || targetField.column === null)
      throw new BadInput([...at, to], `${targetField.label} is not set by a conversion.`);
    const leadField = fieldOf(lead, from, [...at, to]);
    const issue = fieldFillIssue(mappedField(metadata, leadField), mappedField(metadata, targetField));
    if (issue) throw new BadInput([...at, to], `${targetField.label} ← ${leadField.label}: ${issue}.`);
  }
  const map = input as Record<string, string>;
  const missing = unfilled(target, map, linked);
  if (missing.length)
    throw new BadInput(
      [...at, missing[0]!.key],
      `${missing.map((f) => f.label).join(', ')}: required on ${target.labelPlural}; map a lead field to it.`,
    );
  return map;
}

function checkLink(
  object: ObjectDef,
  targets: Record<Target, ObjectDef | undefined>,
  input: unknown,
  at: string[],
): LeadConversion['link'] {
  if (!isObject(input)) throw new BadInput(at, 'link: an object.');
  for (const [target, key] of Object.entries(input)) {
    if (!(conversionTargets as readonly string[]).includes(target))
      throw new BadInput([...at, target], 'link: person, company or deal.');
    const field = fieldOf(object, key, [...at, target]);
    if (!pointsAt(field, targets[target as Target]))
      throw new BadInput([...at, target], `link.${target}: a to-one relation field pointing at a ${target}.`);
  }
  return input as LeadConversion['link'];
}

function checkMark(object: ObjectDef, input: unknown, at: string[]): LeadConversion['mark'] {
  if (!isObject(input)) throw new BadInput(at, 'mark: {field, value}.');
  const field = fieldOf(object, input.field, [...at, 'field']);
  if (field.system || field.readOnly || field.type === 'RELATION')
    throw new BadInput([...at, 'field'], `${field.label} cannot mark a converted lead.`);
  if (input.value === undefined || input.value === null || input.value === '')
    throw new BadInput([...at, 'value'], 'value: what the field is set to on conversion.');
  valueToSql(field, input.value, [...at, 'value']);
  return { field: field.key, value: input.value };
}

export function checkConversion(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  input: unknown,
): LeadConversion | null {
  if (input === undefined || input === null) return null;
  const at = ['model', 'conversion'];
  if (!isObject(input)) throw new BadInput(at, 'conversion: an object.');
  for (const key of Object.keys(input))
    if (![...conversionTargets, 'link', 'mark'].includes(key))
      throw new BadInput([...at, key], 'conversion: person, company, deal, link and mark.');
  const find = (key: string) => activeObjects(metadata).find((o) => o.key === key);
  const targets = { person: find('person'), company: find('company'), deal: find('deal') };
  const { person, company } = targets;
  // The conversion links the person to the company and the deal to both itself.
  const conversion: LeadConversion = {
    person: checkMap(metadata, person, object, input.person, company ? [company] : [], [...at, 'person']),
  };
  if (input.company !== undefined)
    conversion.company = checkMap(metadata, company, object, input.company, [], [...at, 'company']);
  if (input.deal !== undefined)
    conversion.deal = checkMap(
      metadata,
      targets.deal,
      object,
      input.deal,
      [person, company].filter((o): o is ObjectDef => !!o),
      [...at, 'deal'],
    );
  if (input.link !== undefined) conversion.link = checkLink(object, targets, input.link, [...at, 'link']);
  if (input.mark !== undefined) conversion.mark = checkMark(object, input.mark, [...at, 'mark']);
  return conversion;
}
