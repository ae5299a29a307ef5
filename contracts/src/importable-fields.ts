/**
 * Which fields a CSV/XLSX import may fill, and match rows on: the server refuses a mapping to any
 * other field, and the client's mapping step offers only these. A file holds text cells, so
 * FILE and IMAGE fields (filled by upload) and to-many relations (the other side's field) are out.
 */

export interface ImportableField {
  key: string;
  type: string;
  system?: boolean | null;
  readOnly?: boolean | null;
  /** RELATION: ONE_TO_MANY, MANY_TO_ONE… */
  relationKind?: string | null;
}

const uploadedTypes = new Set(['FILE', 'IMAGE']);
const matchableTypes = new Set(['TEXT', 'EMAIL', 'PHONE', 'URL', 'NUMBER']);

/** The object's own writable fields, to-one relations included, and the owner. */
export function isImportable(field: ImportableField): boolean {
  if ((field.system || field.readOnly) && field.key !== 'owner') return false;
  return !uploadedTypes.has(field.type) && field.relationKind !== 'ONE_TO_MANY';
}

/** Importable fields whose single value identifies a record (upsert and relation look-ups). */
export function isMatchable(field: ImportableField): boolean {
  return isImportable(field) && matchableTypes.has(field.type);
}
