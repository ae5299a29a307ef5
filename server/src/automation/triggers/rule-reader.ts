import type { EntityManager } from '@mikro-orm/postgresql';
import type { AutomationRule, TriggerKind } from '../model.js';

/** How the triggers read rules back from the engine's store (re-read when a job fires). */
export interface RuleReader {
  /** The rule as stored now, or null when deleted. */
  get(em: EntityManager, ruleId: string): Promise<AutomationRule | null>;
  /** The workspace's enabled rules (not disabled by a metadata change) with one of these triggers. */
  enabled(em: EntityManager, workspaceId: string, kinds: readonly TriggerKind[]): Promise<AutomationRule[]>;
}

/** Whether the rule may fire: enabled and not put to rest by a metadata change. */
export function isLive(rule: AutomationRule | null, kind: TriggerKind): rule is AutomationRule {
  return !!rule && rule.enabled && !rule.disabledReason && rule.trigger.kind === kind;
}
