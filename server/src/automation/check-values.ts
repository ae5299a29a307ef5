import type { Reader } from '@crm/contracts';
import type { FieldDef, FieldType, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { valueToSql } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { compileFilter, type RecordFilter } from '../records/index.js';
import { liquid } from './merge.js';

/** Small checks the rule, trigger and action checks share; each names the bad part's path. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, path: string[], what: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new BadInput(path, `${what}: must be an object.`);
  return value;
}

export function expectText(value: unknown, path: string[], what: string, max = 10_000): string {
  if (typeof value !== 'string' || !value.trim() || value.length > max)
    throw new BadInput(path, `${what}: must be text of 1 to ${max} characters.`);
  return value;
}

/** An active field of `object` by key; archived ones count as missing. */
export function activeField(object: ObjectDef, key: unknown, path: string[]): FieldDef {
  const field =
    typeof key === 'string' ? object.fields.find((f) => f.key === key && !f.archivedAt) : undefined;
  if (!field) throw new BadInput(path, `${object.labelSingular} has no field “${String(key).slice(0, 70)}”.`);
  return field;
}

export function activeObject(metadata: WorkspaceMetadata, key: unknown, path: string[]): ObjectDef {
  const object =
    typeof key === 'string' ? metadata.objects.find((o) => o.key === key && !o.archivedAt) : undefined;
  if (!object) throw new BadInput(path, `There is no object “${String(key).slice(0, 70)}”.`);
  return object;
}

/** A field an automation may write: not computed by the system (the owner aside). */
export function writableField(object: ObjectDef, key: string, path: string[]): FieldDef {
  const field = activeField(object, key, path);
  if ((field.system && field.key !== 'owner') || field.readOnly)
    throw new BadInput(path, `“${field.key}” is not written by automations.`);
  if (field.type === 'RELATION' && field.options.relationKind !== 'MANY_TO_ONE')
    throw new BadInput(path, `“${field.key}”: only to-one relations are set by automations.`);
  return field;
}

/** A literal API value `field` takes (the store's own conversion, which also refuses). */
export function checkFieldValue(field: FieldDef, value: unknown, path: string[]): void {
  valueToSql(field, value, path);
}

const textTypes: ReadonlySet<FieldType> = new Set<FieldType>(['TEXT', 'LONG_TEXT', 'EMAIL', 'URL', 'PHONE']);
const dateTypes: ReadonlySet<FieldType> = new Set<FieldType>(['DATE', 'DATETIME']);

/** Merge-field text parses (LiquidJS), without reading anything. */
export function checkTemplate(template: unknown, path: string[]): string {
  const text = expectText(template, path, 'template');
  try {
    liquid.parse(text);
  } catch (error) {
    throw new BadInput(path, `template: ${(error as Error).message.split('\n')[0]}`);
  }
  return text;
}

/** A ValueSource for `field` of the target object; `source` reads fields of the rule's object. */
/**
 * The field `fromField` reads: one of the rule's object, or, as `relation.field`, of the record a
 * many-to-one relation of it points at (`estate.address`: a listing's property's address).
 */
function sourceField(
  source: ObjectDef,
  key: unknown,
  path: string[],
  metadata: WorkspaceMetadata | undefined,
): FieldDef {
  const [relationKey, fieldKey, ...rest] = typeof key === 'string' ? key.split('.') : [];
  if (fieldKey === undefined || rest.length || !metadata) return activeField(source, key, path);
  const relation = activeField(source, relationKey, path);
  const target = metadata.objects.find((o) => o.id === relation.options.targetObjectId && !o.archivedAt);
  if (relation.type !== 'RELATION' || relation.options.relationKind !== 'MANY_TO_ONE' || !target)
    throw new BadInput(path, `${relation.key} is not a relation to one record.`);
  return activeField(target, fieldKey, path);
}

export function checkValueSource(
  value: unknown,
  field: FieldDef,
  source: ObjectDef,
  path: string[],
  metadata?: WorkspaceMetadata,
): void {
  const spec = expectObject(value, path, field.key);
  const keys = Object.keys(spec);
  if (keys.length !== 1)
    throw new BadInput(path, `${field.key}: one of value, fromField, relativeDate or template.`);
  if ('value' in spec) return checkFieldValue(field, spec.value, [...path, 'value']);
  if ('fromField' in spec) {
    if (spec.fromField === 'id') {
      if (field.type === 'RELATION' && field.options.targetObjectId === source.id) return;
      throw new BadInput(
        [...path, 'fromField'],
        `${field.key}: the record's id fills a relation to ${source.labelSingular}.`,
      );
    }
    const from = sourceField(source, spec.fromField, [...path, 'fromField'], metadata);
    const compatible =
      (from.type === field.type &&
        (from.type !== 'RELATION' || from.options.targetObjectId === field.options.targetObjectId)) ||
      textTypes.has(field.type) ||
      (dateTypes.has(from.type) && dateTypes.has(field.type));
    if (!compatible)
      throw new BadInput(
        [...path, 'fromField'],
        `${field.key}: a ${from.type} field cannot fill a ${field.type} field.`,
      );
    return;
  }
  if ('relativeDate' in spec) {
    if (!dateTypes.has(field.type))
      throw new BadInput(
        [...path, 'relativeDate'],
        `${field.key}: a relative date fills a DATE or DATETIME field.`,
      );
    const offset = expectObject(spec.relativeDate, [...path, 'relativeDate'], 'relativeDate');
    for (const [unit, amount] of Object.entries(offset)) {
      if (!['minutes', 'hours', 'days'].includes(unit))
        throw new BadInput([...path, 'relativeDate', unit], `relativeDate: minutes, hours or days.`);
      if (typeof amount !== 'number' || !Number.isFinite(amount) || Math.abs(amount) > 100_000)
        throw new BadInput([...path, 'relativeDate', unit], `${unit}: must be a number.`);
    }
    return;
  }
  if ('template' in spec) {
    if (!textTypes.has(field.type))
      throw new BadInput([...path, 'template'], `${field.key}: merge text fills a text field.`);
    checkTemplate(spec.template, [...path, 'template']);
    return;
  }
  throw new BadInput(path, `${field.key}: one of value, fromField, relativeDate or template.`);
}

/** A map of field key → ValueSource for `target`'s writable fields. */
export function checkValues(
  values: unknown,
  target: ObjectDef,
  source: ObjectDef,
  path: string[],
  creating: boolean,
  metadata?: WorkspaceMetadata,
): void {
  const map = expectObject(values, path, 'values');
  if (!creating && !Object.keys(map).length) throw new BadInput(path, 'values: set at least one field.');
  for (const [key, value] of Object.entries(map)) {
    const field = writableField(target, key, [...path, key]);
    checkValueSource(value, field, source, [...path, key], metadata);
  }
  if (!creating) return;
  const missing = target.fields.find(
    (f) => f.required && !f.archivedAt && !f.system && f.defaultValue === null && !(f.key in map),
  );
  if (missing)
    throw new BadInput([...path, missing.key], `${missing.key}: required on ${target.labelSingular}.`);
}

/** Saved conditions keep `isMe` and relative dates as written; checking needs some reader. */
const anyReader = (): Reader => ({ userId: null, timeZone: 'UTC', now: new Date() });

/** A condition in the view filter language, compiled once to check it. */
export function checkCondition(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  condition: unknown,
  path: string[],
): RecordFilter | null {
  if (condition === null || condition === undefined) return null;
  if (!isPlainObject(condition)) throw new BadInput(path, 'condition: must be a filter object.');
  compileFilter({ metadata, object, alias: 't', reader: anyReader() }, condition as RecordFilter, path);
  return condition as RecordFilter;
}
