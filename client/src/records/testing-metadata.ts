import type { FieldDef, ObjectDef } from '../metadata';

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
    sortable: true,
    helpText: null,
    defaultValue: null,
    settings: {
      choices: null,
      defaultCurrency: null,
      max: null,
      precision: null,
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
