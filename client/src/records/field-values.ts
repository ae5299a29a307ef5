import { i18n } from '../i18n';
import type { FieldDef, ObjectDef } from '../metadata';

export { formatValue } from './fields/registry';
export { choiceColor, choicesOf, isEmptyValue, linkedLabel, type Linked, type Money } from './fields/values';

/** A record as the records API answers it: `id`, `version` and one entry per field key. */
export type RecordData = { id: string; version: number } & Record<string, unknown>;

/** The name of a record of `object`: its label field, or a placeholder. */
export function recordLabel(object: ObjectDef, record: Record<string, unknown>): string {
  const value = object.labelFieldKey ? record[object.labelFieldKey] : null;
  return value === null || value === undefined || value === ''
    ? i18n.global.t('common.untitled')
    : String(value);
}

/** Whether a person can write this field through the create/update inputs. */
export function isWritable(field: FieldDef): boolean {
  if (field.readOnly) return false;
  if (field.type === 'RELATION') return field.settings.relation?.kind !== 'ONE_TO_MANY';
  return true;
}
