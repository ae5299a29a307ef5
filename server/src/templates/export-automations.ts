import type { EntityManager } from '@mikro-orm/postgresql';
import { listRules, type AutomationRule, type RuleAction } from '../automation/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { ruleNameIssues } from './check-automations.js';
import type { Template, TemplateAutomation } from './format.js';
import type { TemplateRuleAction } from './format-automations.js';
import { keyFromName } from './format-keys.js';
import { triggerWithFormKey } from './form-triggers.js';
import { knownFields } from './known-fields.js';

/**
 * The workspace's rules as a template's `automations`. A template cannot name members
 * by id (they differ in every workspace), so a rule that does is left out and said so; a
 * rule broken by a metadata change (disabled with a reason) too. A form-triggered rule
 * names its form by the form's template key, and travels with it.
 */

/** The action as a template writes it, or null when it names members by id. */
function templateAction(action: RuleAction): TemplateRuleAction | null {
  switch (action.type) {
    case 'ASSIGN':
      if (action.mode === 'FIXED' || action.userIds?.length) return null;
      return {
        type: 'ASSIGN',
        field: action.field,
        mode: action.mode,
        ...(action.role ? { role: action.role } : {}),
      };
    case 'NOTIFY': {
      const { userIds, fields, roles } = action.recipients;
      if (userIds?.length) return null;
      return {
        type: 'NOTIFY',
        recipients: { ...(fields?.length ? { fields } : {}), ...(roles?.length ? { roles } : {}) },
        message: action.message,
      };
    }
    case 'BRANCH': {
      const then = templateActions(action.then);
      const otherwise = templateActions(action.else ?? []);
      if (!then || !otherwise) return null;
      return {
        type: 'BRANCH',
        condition: action.condition as Record<string, unknown>,
        then,
        ...(otherwise.length ? { else: otherwise } : {}),
      };
    }
    default:
      return action;
  }
}

function templateActions(actions: RuleAction[]): TemplateRuleAction[] | null {
  const out = actions.map(templateAction);
  return out.every((a) => a !== null) ? (out as TemplateRuleAction[]) : null;
}

function toAutomation(
  rule: AutomationRule,
  key: string,
  formKeys: ReadonlyMap<string, string>,
): TemplateAutomation | string {
  if (rule.disabledReason) return `“${rule.name}”: ${rule.disabledReason}`;
  const actions = templateActions(rule.actions);
  if (!actions) return `“${rule.name}” names members by id; choose them again after installing`;
  const trigger = triggerWithFormKey(rule.trigger, formKeys);
  if (!trigger) return `“${rule.name}” is triggered by a form that is not exported`;
  return {
    key,
    name: rule.name,
    ...(rule.description ? { description: rule.description } : {}),
    object: rule.object,
    enabled: rule.enabled,
    trigger,
    ...(rule.condition ? { condition: rule.condition as Record<string, unknown> } : {}),
    actions,
  };
}

export async function toAutomations(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  template: Template,
  formKeys: ReadonlyMap<string, string>,
): Promise<{ automations: TemplateAutomation[]; leftOut: string[] }> {
  const rules = await listRules(em, metadata.workspaceId);
  const taken = new Set(rules.flatMap((r) => (r.key ? [r.key] : [])));
  const known = knownFields(template);
  const automations: TemplateAutomation[] = [];
  const leftOut: string[] = [];
  for (const rule of rules) {
    const out = toAutomation(rule, rule.key ?? keyFromName(rule.name, taken, 'rule'), formKeys);
    const broken = typeof out === 'string' ? undefined : ruleNameIssues(template, known, out)[0];
    if (typeof out === 'string') leftOut.push(out);
    else if (broken) leftOut.push(`“${rule.name}”: ${broken.path.join('.')}: ${broken.message}`);
    else automations.push(out);
  }
  return { automations, leftOut };
}
