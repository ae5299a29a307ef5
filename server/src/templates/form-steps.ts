import type { WorkspaceMetadata } from '../metadata/index.js';
import {
  checkForm,
  formInputOf,
  insertForm,
  listForms,
  updateFormRow,
  type FormInput,
  type WebForm,
} from '../webforms/index.js';
import type { TemplateForm } from './format-forms.js';
import type { PlanInput, Step } from './plan.js';
import { same } from './three-way.js';

/**
 * Web forms by key, one form a unit (like a rule): added where the workspace has no form
 * with the key, changed by an upgrade only while the workspace still holds the installed
 * version's form; one an admin edited or deleted stays as the admin left it, and `enabled`
 * is the admin's switch once installed.
 */

export function formInput(form: TemplateForm, enabled = form.enabled ?? true): FormInput {
  return { ...form, objectKey: form.object, enabled };
}

/** What an upgrade compares: a form as checked, less its switch. */
function withoutSwitch(input: FormInput): Omit<FormInput, 'enabled'> {
  const copy: FormInput = { ...input };
  delete copy.enabled;
  return copy;
}

function content(metadata: WorkspaceMetadata, input: FormInput): unknown {
  try {
    return withoutSwitch(formInputOf(checkForm(metadata, input)));
  } catch {
    return null;
  }
}

const installed = (form: WebForm) => withoutSwitch(formInputOf(form));

export async function formSteps(input: PlanInput): Promise<Step[]> {
  const forms = input.template.forms ?? [];
  if (!forms.length) return [];
  const existing = new Map(
    (await listForms(input.em, input.metadata.workspaceId)).flatMap((f): [string, WebForm][] =>
      f.key ? [[f.key, f]] : [],
    ),
  );
  const steps: Step[] = [];
  for (const form of forms) {
    const current = existing.get(form.key);
    const base = input.base?.forms?.find((f) => f.key === form.key);
    if (base ? !current : current) continue; // deleted by an admin, or the workspace's own: left alone
    if (current && (same(base, form) || !same(installed(current), content(input.metadata, formInput(base!)))))
      continue; // unchanged by the template, or edited in the workspace
    steps.push({
      // After the objects and fields the form names.
      phase: 9,
      action: current ? 'UPDATE_FORM' : 'ADD_FORM',
      target: `form.${form.key}`,
      description: `${current ? 'Update' : 'Add'} the web form “${form.name}” on ${form.object}`,
      apply: async (run) => {
        const metadata = await run.refresh();
        const spec = checkForm(metadata, formInput(form, current?.enabled), ['forms', form.key]);
        if (current) await updateFormRow(run.tx.em, run.tx.workspaceId, current.id, spec);
        else await insertForm(run.tx.em, run.tx.workspaceId, { ...spec, key: form.key });
      },
    });
  }
  return steps;
}
