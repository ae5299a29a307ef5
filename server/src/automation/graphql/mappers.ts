import type { RunWithSteps } from '../history.js';
import type { AutomationRule, RuleSpec } from '../model.js';
import type {
  AutomationRuleInput,
  AutomationRuleType,
  AutomationRunType,
  AutomationStepStatus,
} from './types.js';

export function toRuleType(rule: AutomationRule): AutomationRuleType {
  return {
    id: rule.id,
    key: rule.key ?? null,
    name: rule.name,
    description: rule.description ?? '',
    objectKey: rule.object,
    enabled: rule.enabled,
    version: rule.version,
    trigger: rule.trigger,
    condition: rule.condition ?? null,
    actions: rule.actions,
    disabledReason: rule.disabledReason,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
  };
}

/** The input as a rule spec to check (unknown shapes: `checkRule` refuses what does not fit). */
export function toRuleSpec(input: AutomationRuleInput): Record<keyof Omit<RuleSpec, 'key'>, unknown> {
  return {
    name: input.name,
    description: input.description ?? '',
    object: input.objectKey,
    enabled: input.enabled,
    trigger: input.trigger,
    condition: input.condition ?? null,
    actions: input.actions,
  };
}

export function toRunType(run: RunWithSteps): AutomationRunType {
  return {
    id: run.id,
    ruleId: run.rule_id,
    ruleName: run.rule_name,
    ruleVersion: run.rule_version,
    objectKey: run.object_key,
    recordId: run.record_id,
    changeId: run.change_id === null ? null : String(run.change_id),
    trigger: run.trigger,
    status: run.status,
    dryRun: run.dry_run,
    depth: run.depth,
    error: run.error,
    createdAt: new Date(run.created_at),
    finishedAt: run.finished_at ? new Date(run.finished_at) : null,
    steps: run.steps.map((s) => ({
      path: s.path,
      type: s.type,
      status: s.status as AutomationStepStatus,
      input: s.input,
      output: s.output,
      error: s.error,
      attempts: s.attempts,
      startedAt: new Date(s.started_at),
      finishedAt: s.finished_at ? new Date(s.finished_at) : null,
    })),
  };
}
