import type { RuleSpec } from '../automation/index.js';
import type { TemplateAutomation } from './format.js';

/**
 * A FORM_SUBMITTED rule names its form by id in a workspace and by the form's template key
 * in a file: export writes the key, install puts the workspace's id back.
 */

type TemplateTrigger = TemplateAutomation['trigger'];

/** The trigger with its form by key, or null when its form has no key here (not exported). */
export function triggerWithFormKey(
  trigger: RuleSpec['trigger'],
  keyById: ReadonlyMap<string, string>,
): TemplateTrigger | null {
  const { formId, ...rest } = trigger;
  if (!formId) return rest as TemplateTrigger;
  const form = keyById.get(formId);
  return form ? ({ ...rest, form } as TemplateTrigger) : null;
}

/** The trigger with its form by this workspace's id; undefined when the workspace lacks the form. */
export function triggerWithFormId(
  trigger: TemplateTrigger,
  idByKey: ReadonlyMap<string, string>,
): RuleSpec['trigger'] | undefined {
  const { form, ...rest } = trigger;
  if (!form) return rest as RuleSpec['trigger'];
  const formId = idByKey.get(form);
  return formId ? ({ ...rest, formId } as RuleSpec['trigger']) : undefined;
}
