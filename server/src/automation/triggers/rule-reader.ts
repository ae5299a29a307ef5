import type { EntityManager } from '@mikro-orm/postgresql';
import type { AutomationRule, TriggerKind } from '../model.js';
import { findRule, listRules } from '../rules.js';

/** How the triggers read rules back (re-read when a job fires): the rule store, or a test's fake. */
export interface RuleReader {
  /** The rule as stored now, or null when deleted. */
  get(em: EntityManager, workspaceId: string, ruleId: string): Promise<AutomationRule | null>;
  /** The workspace's enabled rules (not disabled by a metadata change) with one of these triggers. */
  enabled(em: EntityManager, workspaceId: string, kinds: readonly TriggerKind[]): Promise<AutomationRule[]>;
}

export const storedRules: RuleReader = {
  get: findRule,
  enabled: async (em, workspaceId, kinds) =>
    (await listRules(em, workspaceId)).filter((rule) => kinds.some((kind) => isLive(rule, kind))),
};

/** Whether the rule may fire: enabled and not put to rest by a metadata change. */
export function isLive(rule: AutomationRule | null, kind: TriggerKind): rule is AutomationRule {
  return !!rule && rule.enabled && !rule.disabledReason && rule.trigger.kind === kind;
}
