import type { FieldDef, ObjectDef } from '../metadata';
import type { DuplicateRecord } from './operations';

/** The fields a merge chooses values for: the object's own writable, single-valued fields. */
export function mergeFields(object: ObjectDef): FieldDef[] {
  return object.fields.filter(
    (f) =>
      !f.system && !f.readOnly && !(f.type === 'RELATION' && f.settings.relation?.kind !== 'MANY_TO_ONE'),
  );
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * The starting choice per field: the survivor's value, or where it is empty the first
 * other record's that has one (what the server does for fields not named).
 */
export function defaultChoices(
  fields: readonly FieldDef[],
  records: readonly DuplicateRecord[],
  survivorId: string,
): Record<string, string> {
  const survivor = records.find((r) => r.id === survivorId);
  return Object.fromEntries(
    fields.map((f) => {
      if (survivor && !isEmpty(survivor.values[f.key])) return [f.key, survivorId];
      const other = records.find((r) => r.id !== survivorId && !isEmpty(r.values[f.key]));
      return [f.key, other?.id ?? survivorId];
    }),
  );
}

/** The choices the server needs: only those that differ from the survivor's own value. */
export function choicesToSend(
  choices: Record<string, string>,
  survivorId: string,
): { field: string; recordId: string }[] {
  return Object.entries(choices)
    .filter(([, recordId]) => recordId !== survivorId)
    .map(([field, recordId]) => ({ field, recordId }));
}
