import { listRules, saveRulesByKey, type AutomationRule, type RuleSpec } from '../automation/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { listForms } from '../webforms/index.js';
import { ruleNameIssues } from './check-automations.js';
import { triggerWithFormId, triggerWithFormKey } from './form-triggers.js';
import type { Template, TemplateAutomation } from './format.js';
import { knownFields, type KnownFields } from './known-fields.js';
import type { PlanInput, Step } from './plan.js';
import { same } from './three-way.js';

/**
 * Automation rules by key, one rule a unit (like a view): added where the workspace has
 * no rule with the key, changed by an upgrade only while the workspace still holds the
 * installed version's rule. A rule an admin edited or deleted stays as the admin left it,
 * and `enabled` is the admin's switch once installed. A FORM_SUBMITTED rule's form goes by
 * its template key: the forms are written first, and the rule gets the workspace's form id.
 */

/** The rule as the automation API takes it, its form still named by key. */
export function ruleSpec(rule: TemplateAutomation, enabled = rule.enabled ?? true): RuleSpec {
  return {
    key: rule.key,
    name: rule.name,
    description: rule.description ?? '',
    object: rule.object,
    enabled,
    trigger: rule.trigger as RuleSpec['trigger'],
    condition: (rule.condition as RuleSpec['condition']) ?? null,
    actions: rule.actions as RuleSpec['actions'],
  };
}

/** What an upgrade compares: the rule less its switch. */
function content(spec: RuleSpec) {
  return {
    name: spec.name,
    description: spec.description ?? '',
    object: spec.object,
    trigger: spec.trigger,
    condition: spec.condition ?? null,
    actions: spec.actions,
  };
}

/** The template's fields less those archived in the workspace: a rule naming one is left alone. */
function liveFields(template: Template, metadata: WorkspaceMetadata): KnownFields {
  const known = knownFields(template);
  for (const object of metadata.objects) {
    if (object.archivedAt) known.delete(object.key);
    for (const field of object.fields) if (field.archivedAt) known.get(object.key)?.delete(field.key);
  }
  return known;
}

function describe(rule: TemplateAutomation, enabled: boolean): string {
  const actions = rule.actions.map((a) => a.type).join(', ');
  const off = enabled ? '' : ' (disabled)';
  return `“${rule.name}” on ${rule.object}: ${rule.trigger.kind} → ${actions}${off}`;
}

export async function automationSteps(input: PlanInput): Promise<Step[]> {
  const rules = input.template.automations ?? [];
  if (!rules.length) return [];
  const existing = new Map(
    (await listRules(input.em, input.metadata.workspaceId)).flatMap((r): [string, AutomationRule][] =>
      r.key ? [[r.key, r]] : [],
    ),
  );
  const upgrade = input.base?.version !== input.template.version;
  const live = liveFields(input.template, input.metadata);
  const forms = await listForms(input.em, input.metadata.workspaceId);
  const formKeys = new Map(forms.flatMap((f): [string, string][] => (f.key ? [[f.id, f.key]] : [])));
  // Forms the workspace holds by key, and those this plan adds (new in the template).
  const formsThere = new Set([
    ...formKeys.values(),
    ...(input.template.forms ?? [])
      .filter((f) => !input.base?.forms?.some((b) => b.key === f.key))
      .map((f) => f.key),
  ]);
  // The workspace's rule as a template writes it: its form by key.
  const keyed = (rule: AutomationRule): RuleSpec => ({
    ...rule,
    trigger: (triggerWithFormKey(rule.trigger, formKeys) ?? rule.trigger) as RuleSpec['trigger'],
  });
  const steps: Step[] = [];
  for (const rule of rules) {
    const target = `automation.${rule.key}`;
    const current = existing.get(rule.key);
    const base = input.base?.automations?.find((r) => r.key === rule.key);
    if (base ? !current : current) continue; // deleted by an admin, or the workspace's own: left alone
    if (current && (same(base, rule) || !same(content(keyed(current)), content(ruleSpec(base!))))) continue; // unchanged by the template, or edited in the workspace
    const form = rule.trigger.form;
    const issue = ruleNameIssues(input.template, live, rule)[0];
    const broken = issue
      ? `${issue.path.join('.')}: ${issue.message} (archived in the workspace)`
      : form && !formsThere.has(form)
        ? `trigger.form: the form “${form}” was deleted in the workspace`
        : null;
    if (broken) {
      if (upgrade)
        steps.push({
          phase: 9,
          action: 'SKIP_AUTOMATION',
          target,
          description: `Leave out “${rule.name}”: ${broken}`,
          apply: async () => {},
        });
      continue;
    }
    const spec = ruleSpec(rule, current?.enabled);
    steps.push({
      // After the sample records: installing gives them no automation runs.
      phase: 9,
      action: current ? 'UPDATE_AUTOMATION' : 'ADD_AUTOMATION',
      target,
      description: `${current ? 'Update' : 'Add'} the automation ${describe(rule, spec.enabled)}`,
      apply: async (run) => {
        const metadata = await run.refresh();
        const ids = new Map(
          (await listForms(run.tx.em, run.tx.workspaceId)).flatMap((f): [string, string][] =>
            f.key ? [[f.key, f.id]] : [],
          ),
        );
        const trigger = triggerWithFormId(rule.trigger, ids);
        if (!trigger)
          throw new BadInput(
            ['automations', rule.key, 'trigger', 'form'],
            `No form “${form}” to trigger on.`,
          );
        await saveRulesByKey(
          run.tx.em,
          metadata,
          run.tx.workspaceId,
          [{ ...spec, trigger }],
          run.actorId,
          run.timeTriggers,
        );
      },
    });
  }
  return steps;
}
