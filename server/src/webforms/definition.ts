import type { WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { defaultSettings, type FormField, type FormSettings } from './model.js';
import { liveObject, personLinkOf, resolvePath } from './form-fields.js';
import type { FormSpec } from './store.js';

/** A form as an admin (GraphQL) or a template writes it; checked into a `FormSpec`. */
export interface FormInput {
  name: string;
  objectKey: string;
  fields: {
    path: string;
    label?: string | null;
    helpText?: string | null;
    required?: boolean | null;
    hidden?: boolean | null;
    defaultValue?: string | null;
  }[];
  thankYouMessage?: string | null;
  redirectUrl?: string | null;
  consentText?: string | null;
  recordName?: string | null;
  personField?: string | null;
  powDifficulty?: number | null;
  updateRepeats?: boolean | null;
  updatesRecord?: boolean | null;
  enabled?: boolean | null;
}

export const maxFormFields = 50;
export const maxPowDifficulty = 24;

function text(value: string | null | undefined, path: string[], max: number): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > max) throw new BadInput(path, `${path.join('.')}: at most ${max} characters.`);
  return trimmed || null;
}

function redirect(value: string | null | undefined, path: string[]): string | null {
  const url = text(value, path, 2000);
  if (!url) return null;
  try {
    if (/^https?:$/.test(new URL(url).protocol)) return url;
  } catch {
    // refused below
  }
  throw new BadInput(path, `${path.join('.')}: must be an http or https address.`);
}

function checkFields(metadata: WorkspaceMetadata, input: FormInput, base: string[]): FormField[] {
  const object = liveObject(metadata, input.objectKey)!;
  const personLink = personLinkOf(metadata, object, input.personField?.trim() || null);
  if (input.fields.length > maxFormFields)
    throw new BadInput([...base, 'fields'], `${base.join('.')}.fields: at most ${maxFormFields}.`);
  const seen = new Set<string>();
  return input.fields.map((f, i) => {
    const path = [...base, 'fields', String(i)];
    const where = path.join('.');
    const resolved = resolvePath(metadata, object, personLink, f.path.trim());
    if (typeof resolved === 'string') throw new BadInput([...path, 'path'], `${where}.path: ${resolved}.`);
    if (seen.has(f.path.trim())) throw new BadInput([...path, 'path'], `${where}.path: listed twice.`);
    seen.add(f.path.trim());
    const field: FormField = {
      path: f.path.trim(),
      label: text(f.label, [...path, 'label'], 200),
      helpText: text(f.helpText, [...path, 'helpText'], 500),
      required: f.required ?? false,
      hidden: f.hidden ?? false,
      defaultValue: text(f.defaultValue, [...path, 'defaultValue'], 1000),
    };
    if (field.hidden && field.defaultValue === null)
      throw new BadInput(
        [...path, 'defaultValue'],
        `${where}.defaultValue: a hidden field sends its default value; give one.`,
      );
    return field;
  });
}

/** Checks a form against the workspace's metadata; BadInput names the path under `base`. */
export function checkForm(
  metadata: WorkspaceMetadata,
  input: FormInput,
  base: string[] = ['input'],
): FormSpec {
  const name = input.name.trim();
  if (!name || name.length > 200)
    throw new BadInput([...base, 'name'], `${base.join('.')}.name: 1 to 200 characters.`);
  const object = liveObject(metadata, input.objectKey);
  if (!object)
    throw new BadInput(
      [...base, 'objectKey'],
      `${base.join('.')}.objectKey: no object "${input.objectKey}".`,
    );
  const personField = text(input.personField, [...base, 'personField'], 100);
  if (personField && !personLinkOf(metadata, object, personField))
    throw new BadInput(
      [...base, 'personField'],
      `${base.join('.')}.personField: ${object.key} has no relation "${personField}" to person.`,
    );
  const pow = input.powDifficulty ?? 0;
  if (!Number.isInteger(pow) || pow < 0 || pow > maxPowDifficulty)
    throw new BadInput(
      [...base, 'powDifficulty'],
      `${base.join('.')}.powDifficulty: a whole number from 0 to ${maxPowDifficulty}.`,
    );
  const settings: FormSettings = {
    thankYouMessage:
      text(input.thankYouMessage, [...base, 'thankYouMessage'], 2000) ?? defaultSettings.thankYouMessage,
    redirectUrl: redirect(input.redirectUrl, [...base, 'redirectUrl']),
    consentText: text(input.consentText, [...base, 'consentText'], 2000),
    recordName: text(input.recordName, [...base, 'recordName'], 200),
    personField,
    powDifficulty: pow,
    updateRepeats: input.updateRepeats ?? defaultSettings.updateRepeats,
    updatesRecord: input.updatesRecord ?? defaultSettings.updatesRecord,
  };
  const fields = checkFields(metadata, input, base);
  // A follow-up form writes onto the linked record only: nobody is looked up by e-mail.
  const personInput = settings.updatesRecord ? fields.findIndex((f) => f.path.startsWith('person.')) : -1;
  if (personInput >= 0)
    throw new BadInput(
      [...base, 'fields', String(personInput), 'path'],
      `${base.join('.')}.fields.${personInput}.path: a form that updates the linked record has no person inputs.`,
    );
  return {
    name,
    objectKey: object.key,
    fields,
    settings,
    enabled: input.enabled ?? true,
  };
}

/** The spec back as input (templates compare and export it). */
export function formInputOf(
  spec: Pick<FormSpec, 'name' | 'objectKey' | 'fields' | 'settings' | 'enabled'>,
): FormInput {
  return {
    name: spec.name,
    objectKey: spec.objectKey,
    fields: spec.fields,
    ...spec.settings,
    enabled: spec.enabled,
  };
}
