import { listRules, saveRulesByKey, type AutomationRule, type RuleSpec } from '../automation/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { ruleNameIssues } from './check-automations.js';
import type { Template, TemplateAutomation } from './format.js';
import { knownFields, type KnownFields } from './known-fields.js';
import type { PlanInput, Step } from './plan.js';
import { same } from './three-way.js';

/**
 * Automation rules by key, one rule a unit (like a view): added where the workspace has
 * no rule with the key, changed by an upgrade only while the workspace still holds the
 * installed version's rule. A rule an admin edited or deleted stays as the admin left it,
 * and `enabled` is the admin's switch once installed.
 */

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
  const steps: Step[] = [];
  for (const rule of rules) {
    const target = `automation.${rule.key}`;
    const current = existing.get(rule.key);
    const base = input.base?.automations?.find((r) => r.key === rule.key);
    if (base ? !current : current) continue; // deleted by an admin, or the workspace's own: left alone
    if (current && (same(base, rule) || !same(content(current), content(ruleSpec(base!))))) continue; // unchanged by the template, or edited in the workspace
    const broken = ruleNameIssues(input.template, live, rule)[0];
    if (broken) {
      if (upgrade)
        steps.push({
          phase: 9,
          action: 'SKIP_AUTOMATION',
          target,
          description: `Leave out “${rule.name}”: ${broken.path.join('.')}: ${broken.message} (archived in the workspace)`,
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
        await saveRulesByKey(run.tx.em, metadata, run.tx.workspaceId, [spec], run.actorId, run.timeTriggers);
      },
    });
  }
  return steps;
}
