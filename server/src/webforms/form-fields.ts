import type { FieldDef, FieldType, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import type { FormField, WebForm } from './model.js';

/** What a form's inputs point at in the workspace's metadata. */

export const personObjectKey = 'person';

/**
 * Types a visitor cannot type a value for (FILE and IMAGE would need a public upload door);
 * a relation is typed as a name or a unique key of the related record.
 */
const notForForms = new Set<FieldType>(['USER', 'DURATION', 'FILE', 'IMAGE']);

export interface ResolvedField {
  input: FormField;
  /** Which record the value goes to. */
  on: 'record' | 'person';
  field: FieldDef;
}

export interface FormTarget {
  object: ObjectDef;
  /** The person object, when the record links to one (or is one). */
  person: ObjectDef | null;
  /** The record's relation to person (null when the object is person). */
  personLink: FieldDef | null;
  fields: ResolvedField[];
}

const live = (object: ObjectDef, key: string) => object.fields.find((f) => f.key === key && !f.archivedAt);

export function liveObject(metadata: WorkspaceMetadata, key: string): ObjectDef | undefined {
  return metadata.objects.find((o) => o.key === key && !o.archivedAt);
}

/** Why a field cannot be a form input, or null. */
export function unfitReason(field: FieldDef): string | null {
  if (field.system || field.readOnly) return 'is set by the system';
  if (notForForms.has(field.type)) return `is a ${field.type} field, which a form cannot fill`;
  if (field.type === 'RELATION' && field.options.relationKind !== 'MANY_TO_ONE')
    return 'is a to-many relation, which a form cannot fill';
  return null;
}

/** The relation linking `object` to person: the one named, else the first to person. */
export function personLinkOf(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  named: string | null,
): FieldDef | null {
  const person = liveObject(metadata, personObjectKey);
  if (!person || object.id === person.id) return null;
  return (
    object.fields.find(
      (f) =>
        !f.archivedAt &&
        f.type === 'RELATION' &&
        f.options.relationKind === 'MANY_TO_ONE' &&
        f.options.targetObjectId === person.id &&
        (named === null || f.key === named),
    ) ?? null
  );
}

/** A problem with one input's path, or the field it names. */
export function resolvePath(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  personLink: FieldDef | null,
  path: string,
): { on: 'record' | 'person'; field: FieldDef } | string {
  const [head, rest] = path.startsWith('person.') ? ['person', path.slice(7)] : [null, path];
  if (head) {
    const person = liveObject(metadata, personObjectKey);
    if (!personLink || !person) return `no person to fill: ${object.key} has no relation to person`;
    const field = live(person, rest);
    if (!field) return `person has no field "${rest}"`;
    const unfit = unfitReason(field);
    return unfit ? `person.${rest} ${unfit}` : { on: 'person', field };
  }
  const field = live(object, rest);
  if (!field) return `${object.key} has no field "${rest}"`;
  const unfit = unfitReason(field);
  if (unfit) return `${rest} ${unfit}`;
  if (personLink && field.id === personLink.id)
    return `${rest} is filled with the person the form finds or adds`;
  return { on: 'record', field };
}

/** The form's inputs against today's metadata; inputs whose field has gone are left out. */
export function formTarget(metadata: WorkspaceMetadata, form: WebForm): FormTarget | null {
  const object = liveObject(metadata, form.objectKey);
  if (!object) return null;
  const personLink = personLinkOf(metadata, object, form.settings.personField);
  const person =
    object.key === personObjectKey ? object : personLink ? liveObject(metadata, personObjectKey)! : null;
  const fields: ResolvedField[] = [];
  for (const input of form.fields) {
    const resolved = resolvePath(metadata, object, personLink, input.path);
    if (typeof resolved !== 'string') fields.push({ input, ...resolved });
  }
  return { object, person, personLink, fields };
}

/** The label a visitor sees. */
export function inputLabel(resolved: ResolvedField): string {
  return resolved.input.label ?? resolved.field.label;
}
