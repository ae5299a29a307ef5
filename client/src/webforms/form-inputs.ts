import { i18n } from '../i18n';
import type { FieldDef, ObjectDef } from '../metadata';

/** The inputs a form on `object` may have: its own fields, and the linked person's. */

export interface InputChoice {
  path: string;
  label: string;
  /** The visitor cannot type it (a stage): offered as a hidden value only. */
  hiddenOnly: boolean;
}

/** Types a visitor cannot type a value for (as the server's forms module says). */
const notForForms = new Set(['USER', 'DURATION']);

function fits(field: FieldDef): boolean {
  if (field.system || field.readOnly || notForForms.has(field.type)) return false;
  return field.type !== 'RELATION' || field.settings.relation?.kind === 'MANY_TO_ONE';
}

/** The relation linking `object` to person (the first), or null. */
export function personLink(object: ObjectDef): FieldDef | null {
  return (
    object.fields.find(
      (f) =>
        f.type === 'RELATION' &&
        f.settings.relation?.kind === 'MANY_TO_ONE' &&
        f.settings.relation.targetObjectKey === 'person',
    ) ?? null
  );
}

export function inputChoices(objects: readonly ObjectDef[], objectKey: string): InputChoice[] {
  const object = objects.find((o) => o.key === objectKey);
  if (!object) return [];
  const link = object.key === 'person' ? null : personLink(object);
  const person = link ? objects.find((o) => o.key === 'person') : undefined;
  const own = object.fields
    .filter((f) => fits(f) && f.key !== link?.key)
    .map((f) => ({ path: f.key, label: f.label, hiddenOnly: f.type === 'STAGE' }));
  const people = (person?.fields ?? []).filter(fits).map((f) => ({
    path: `person.${f.key}`,
    label: i18n.global.t('webforms.editor.personField', { label: f.label }),
    hiddenOnly: f.type === 'STAGE',
  }));
  return [...people, ...own];
}
