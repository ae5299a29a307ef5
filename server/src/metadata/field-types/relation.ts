import type { OnDelete } from '../model.js';
import { expectUuid, fail } from '../field-values.js';
import { choiceOperators, firstValue, type FieldTypeSpec } from './spec.js';

const onDeleteSql: Record<OnDelete, string> = {
  RESTRICT: 'restrict',
  SET_NULL: 'set null',
  CASCADE: 'cascade',
};

/**
 * A link to records of another object: a foreign-key column (many-to-one), the other
 * side's column (one-to-many) or a junction table (many-to-many). Its GraphQL types
 * depend on the target object, so the schema builder makes them.
 */
export const relation: FieldTypeSpec = {
  columns: (field) =>
    field.options.relationKind === 'MANY_TO_ONE' ? [{ name: field.column!, sqlType: 'uuid' }] : [],
  toSql: (value, field, path) => {
    if (field.options.relationKind === 'MANY_TO_ONE') return [expectUuid(value, path)];
    if (!Array.isArray(value)) fail(path, 'must be a list of record ids', 'value.recordIds');
    return [[...new Set(value.map((v, i) => expectUuid(v, [...path, String(i)])))]];
  },
  fromSql: firstValue,
  operators: choiceOperators,
  searchable: false,
  indexable: true,
  sortable: false,
  references: (field, targetTable) =>
    targetTable ? `${targetTable} (id) on delete ${onDeleteSql[field.options.onDelete ?? 'SET_NULL']}` : null,
};
