import type { FieldDef, ObjectDef } from './operations';

/** The fields a calendar can place records by: the object's own dates and date-times. */
export function dateFieldsOf(object: ObjectDef): FieldDef[] {
  return object.fields.filter((f) => !f.system && (f.type === 'DATE' || f.type === 'DATETIME'));
}
