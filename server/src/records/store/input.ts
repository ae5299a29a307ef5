import {
  type FieldDef,
  type ObjectDef,
  type Path,
  systemFieldKeys,
  valueToSql,
} from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import { allFields, columnFields, isManyToMany, isOneToMany } from '../query/fields.js';
import { fillFromVins } from './vin-fills.js';

/**
 * An API input validated and coerced by the field-type registry into SQL values, key
 * by key, before any SQL runs. Every error names its path (['inputs', '3', 'price']).
 */

export interface PreparedRecord {
  /** Where this input sits in the arguments: ['input'] or ['inputs', '3']. */
  path: Path;
  /** Fields stored in columns (`owner` included) → one SQL value per column. */
  values: Map<FieldDef, unknown[]>;
  /** MANY_TO_MANY fields → the related ids, which replace the current ones. */
  links: Map<FieldDef, string[]>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function writableField(object: ObjectDef, key: string, path: Path): FieldDef {
  if (systemFieldKeys.has(key) && key !== 'owner')
    throw new BadInput(path, `${key}: is set by the system and cannot be written.`);
  const field = allFields(object).find((f) => f.key === key);
  if (!field) throw new BadInput(path, `${key}: ${object.labelSingular} has no such field.`);
  if (field.archivedAt)
    throw new BadInput(path, `${key}: this field is archived; restore it to write to it.`);
  if (isOneToMany(field) || (field.readOnly && key !== 'owner')) {
    throw new BadInput(
      path,
      `${key}: is read-only${isOneToMany(field) ? '; set the relation from the other side' : ''}.`,
    );
  }
  return field;
}

export function isEmptySql(values: readonly unknown[]): boolean {
  return values.every((v) => v === null || v === undefined);
}

function required(field: FieldDef, path: Path): never {
  throw new BadInput(path, `${field.key}: is required.`, { reason: 'value.required', params: {} });
}

export function prepareInput(
  object: ObjectDef,
  input: unknown,
  path: Path,
  mode: 'create' | 'update',
): PreparedRecord {
  if (!isPlainObject(input)) throw new BadInput(path, `${path.at(-1)}: must be an object of field values.`);
  const prepared: PreparedRecord = { path, values: new Map(), links: new Map() };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const at = [...path, key];
    const field = writableField(object, key, at);
    const sqlValues = valueToSql(field, value, at);
    if (isManyToMany(field)) {
      prepared.links.set(field, (sqlValues[0] as string[] | null) ?? []);
      continue;
    }
    if (isEmptySql(sqlValues) && field.required) {
      // On create, an explicit null for a required field with a default takes the default.
      const hasDefault = field.defaultValue !== null && field.defaultValue !== undefined;
      if (mode === 'update' || !hasDefault) required(field, at);
      continue;
    }
    prepared.values.set(field, sqlValues);
  }
  if (mode === 'create') {
    fillFromVins(object, prepared);
    applyDefaults(object, prepared, path);
  }
  return prepared;
}

/** Absent fields take their default; absent required fields without one are refused. */
function applyDefaults(object: ObjectDef, prepared: PreparedRecord, path: Path): void {
  for (const field of columnFields(object)) {
    if (prepared.values.has(field)) continue;
    const hasDefault = field.defaultValue !== null && field.defaultValue !== undefined;
    if (hasDefault) prepared.values.set(field, valueToSql(field, field.defaultValue, [...path, field.key]));
    else if (field.required) required(field, [...path, field.key]);
  }
}
