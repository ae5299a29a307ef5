import {
  type Column,
  type FieldDef,
  fieldTypeSpecs,
  idOperators,
  type FilterOperator,
  type ObjectDef,
  systemFields,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';

/** How fields of an object map to columns, for reading, filtering and sorting. */

/** The record id as a field: filterable by equality and lists, sortable. */
export function idField(object: ObjectDef): FieldDef {
  return {
    ...systemFields(object.id)[0]!,
    id: `${object.id}:id`,
    key: 'id',
    label: 'ID',
    type: 'USER',
    column: 'id',
    readOnly: true,
  };
}

/** Every field, system fields first (added when the definition lacks them), archived ones included. */
export function allFields(object: ObjectDef): FieldDef[] {
  return object.fields.some((f) => f.system) ? object.fields : [...systemFields(object.id), ...object.fields];
}

/** Every field readable through the API: system fields first, archived ones left out. */
export function visibleFields(object: ObjectDef): FieldDef[] {
  return allFields(object).filter((f) => !f.archivedAt);
}

/** Fields stored in the object's row (its own columns), system fields excluded. */
export function columnFields(object: ObjectDef): FieldDef[] {
  return visibleFields(object).filter((f) => !f.system && f.column && columnsOf(f).length > 0);
}

export function isManyToMany(field: FieldDef): boolean {
  return field.type === 'RELATION' && field.options.relationKind === 'MANY_TO_MANY';
}

export function isOneToMany(field: FieldDef): boolean {
  return field.type === 'RELATION' && field.options.relationKind === 'ONE_TO_MANY';
}

export function isManyToOne(field: FieldDef): boolean {
  return field.type === 'RELATION' && field.options.relationKind === 'MANY_TO_ONE';
}

export function manyToManyFields(object: ObjectDef): FieldDef[] {
  return visibleFields(object).filter(isManyToMany);
}

export function columnsOf(field: FieldDef): Column[] {
  return field.column ? fieldTypeSpecs[field.type].columns(field) : [];
}

export function operatorsOf(field: FieldDef): readonly FilterOperator[] {
  return field.system && field.key === 'id' ? idOperators : fieldTypeSpecs[field.type].operators;
}

/** A field by key for a filter or sort; unknown and archived keys are refused at `path`. */
export function fieldForQuery(object: ObjectDef, key: string, path: readonly string[]): FieldDef {
  if (key === 'id') return idField(object);
  const field = visibleFields(object).find((f) => f.key === key);
  if (!field) throw new BadInput(path, `${object.labelSingular} has no field “${key}”.`);
  return field;
}

export function targetObject(
  metadata: WorkspaceMetadata,
  field: FieldDef,
  path: readonly string[],
): ObjectDef {
  const target = metadata.objects.find((o) => o.id === field.options.targetObjectId && !o.archivedAt);
  if (!target) throw new BadInput(path, `The object related through “${field.key}” is not available.`);
  return target;
}

/** The MANY_TO_ONE field on the target object that holds a ONE_TO_MANY field's foreign key. */
export function inverseForeignKey(target: ObjectDef, field: FieldDef, path: readonly string[]): FieldDef {
  const inverse = target.fields.find((f) => f.id === field.options.inverseFieldId);
  if (!inverse?.column) throw new BadInput(path, `The relation “${field.key}” has no foreign key.`);
  return inverse;
}

/** Junction columns for a MANY_TO_MANY field: this object's side and the related side. */
export function junctionSides(field: FieldDef): { table: string; own: string; other: string } {
  const table = field.options.junctionTable;
  if (!table) throw new BadInput([field.key], `The relation “${field.key}” has no junction table.`);
  const own = field.options.junctionSide === 'b' ? 'b_id' : 'a_id';
  return { table, own, other: own === 'a_id' ? 'b_id' : 'a_id' };
}

/** System columns never null, so their ORDER BY needs no NULLS clause and matches b-tree indexes. */
export const notNullColumns = new Set(['id', 'created_at', 'updated_at', 'version']);
