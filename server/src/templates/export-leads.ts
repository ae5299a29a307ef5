import type { EntityManager } from '@mikro-orm/postgresql';
import { ratingModelsOf } from '../leads/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { checkForm, formInputOf, listForms, type WebForm } from '../webforms/index.js';
import type { TemplateForm } from './format-forms.js';
import type { Template } from './format.js';
import { keyFromName } from './format-keys.js';

/**
 * The workspace's web forms and lead-rating models as a template writes them. A form keeps
 * the key it was installed with (an upgrade of the installed workspace finds it again) or
 * gets one from its name; a form or model the metadata no longer satisfies is left out.
 */

type TemplateRatingModel = NonNullable<Template['ratingModels']>[number];

type Present<T> = { [K in keyof T]?: Exclude<T[K], null> };

/** Drops null and undefined values, which the template format writes as absent. */
function present<T extends object>(value: T): Present<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as Present<T>;
}

function toTemplateForm(form: WebForm, key: string): TemplateForm {
  const { thankYouMessage, redirectUrl, consentText, recordName, personField, updateRepeats, updatesRecord } =
    form.settings;
  const fields = form.fields.map((f) =>
    present({
      path: f.path,
      label: f.label,
      helpText: f.helpText,
      required: f.required || undefined,
      hidden: f.hidden || undefined,
      defaultValue: f.defaultValue,
    }),
  );
  return {
    key,
    // The format's labels are shorter than a form's name may be.
    name: form.name.slice(0, 100),
    object: form.objectKey,
    fields: fields as TemplateForm['fields'],
    ...present({
      thankYouMessage,
      redirectUrl,
      consentText,
      recordName,
      personField,
      updateRepeats: updateRepeats || undefined,
      updatesRecord: updatesRecord || undefined,
      enabled: form.enabled ? undefined : false,
    }),
  };
}

/** The exported forms, and each one's template key by its id (a rule's trigger names it by key). */
export async function toForms(
  em: EntityManager,
  metadata: WorkspaceMetadata,
): Promise<{ forms: TemplateForm[]; formKeys: Map<string, string> }> {
  const forms = (await listForms(em, metadata.workspaceId)).filter((form) => {
    try {
      checkForm(metadata, formInputOf(form));
      return true;
    } catch {
      return false; // its object or a field is gone
    }
  });
  const taken = new Set(forms.flatMap((f) => (f.key ? [f.key] : [])));
  const formKeys = new Map(forms.map((f) => [f.id, f.key ?? keyFromName(f.name, taken, 'form')]));
  return { forms: forms.map((form) => toTemplateForm(form, formKeys.get(form.id)!)), formKeys };
}

export async function toRatingModels(
  em: EntityManager,
  metadata: WorkspaceMetadata,
): Promise<TemplateRatingModel[]> {
  return (await ratingModelsOf(em, metadata)).map(({ object, model }) => ({
    object: object.key,
    // As stored (JSON: no undefined), less the absent conversion the format leaves out.
    model: present({ ...model, conversion: model.conversion ?? undefined }) as TemplateRatingModel['model'],
  }));
}
