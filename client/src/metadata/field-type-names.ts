/** The field types, as the server's registry names them; each has an entry in the client's registry (records/fields/registry.ts). */
export const fieldTypeNames = [
  'TEXT',
  'LONG_TEXT',
  'NUMBER',
  'CURRENCY',
  'PERCENT',
  'BOOLEAN',
  'DATE',
  'DATETIME',
  'SELECT',
  'STAGE',
  'MULTI_SELECT',
  'EMAIL',
  'PHONE',
  'URL',
  'RATING',
  'DURATION',
  'USER',
  'RELATION',
  'FILE',
  'IMAGE',
] as const;

export type FieldType = (typeof fieldTypeNames)[number];

/** A filter operator as the records API names it (shared with the server). */
export type { FilterOperator as ApiOperator } from '@crm/contracts';
