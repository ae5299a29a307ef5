import type { ApiOperator } from './fields/field-type';
import type { FieldDef, ObjectDef } from '../metadata';

const text: ApiOperator[] = ['eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'isEmpty'];
const range: ApiOperator[] = ['eq', 'neq', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isEmpty'];
const choice: ApiOperator[] = ['eq', 'neq', 'in', 'notIn', 'isEmpty'];

/** Types the server's records API cannot sort by. */
const unsortable = new Set<FieldDef['type']>([
  'LONG_TEXT',
  'MULTI_SELECT',
  'USER',
  'RELATION',
  'FILE',
  'IMAGE',
]);

/** What the server's `fieldTypes` query answers for each type's operators, as fixtures. */
export const serverOperators: Record<FieldDef['type'], ApiOperator[]> = {
  TEXT: text,
  LONG_TEXT: text,
  EMAIL: text,
  PHONE: text,
  URL: text,
  NUMBER: range,
  PERCENT: range,
  CURRENCY: [...range, 'currency'],
  RATING: range,
  DURATION: range,
  DATE: [...range, 'within'],
  DATETIME: [...range, 'within'],
  BOOLEAN: ['eq', 'neq', 'isEmpty'],
  SELECT: choice,
  STAGE: choice,
  MULTI_SELECT: ['contains', 'in', 'notIn', 'isEmpty'],
  USER: [...choice, 'isMe'],
  RELATION: choice,
  FILE: ['isEmpty'],
  IMAGE: ['isEmpty'],
};

/** Small metadata for unit tests: a field of a type, an object with fields. */
export function fieldOf(
  key: string,
  type: FieldDef['type'],
  settings: Partial<FieldDef['settings']> = {},
): FieldDef {
  return {
    id: key,
    key,
    label: key.charAt(0).toUpperCase() + key.slice(1),
    type,
    position: 0,
    required: false,
    readOnly: false,
    system: false,
    filterable: true,
    operators: serverOperators[type],
    sortable: true,
    canSort: !unsortable.has(type),
    helpText: null,
    defaultValue: null,
    settings: {
      choices: null,
      defaultCurrency: null,
      max: null,
      precision: null,
      grouping: type === 'NUMBER' ? true : null,
      format: null,
      fills: null,
      pipelines: null,
      relation: null,
      ...settings,
    },
  };
}

export function objectOf(key: string, pluralKey: string, fields: FieldDef[]): ObjectDef {
  return {
    id: key,
    key,
    pluralKey,
    typeName: key.charAt(0).toUpperCase() + key.slice(1),
    labelSingular: key,
    labelPlural: pluralKey,
    icon: null,
    labelFieldKey: 'name',
    fields,
  };
}
