import type * as Contract from '@crm/contracts';
import type { RecordFilter } from '../records/index.js';

/**
 * Automation rules as data: the shapes are the contract's (`@crm/contracts`, shared with the
 * client's builder), with the server's filter type; stored as JSON columns and checked against
 * the workspace's metadata on every write (`checkRule`), with BAD_USER_INPUT naming the part
 * (`input.actions[2].values.price`).
 */

export { runStatuses, triggerKinds } from '@crm/contracts';
export type {
  ActionType,
  AssignMode,
  MemberRole,
  RecipientSpec,
  RunStatus,
  TriggerKind,
  ValueSource,
} from '@crm/contracts';
export type RuleTrigger = Contract.RuleTrigger<RecordFilter>;
export type RuleAction = Contract.RuleAction<RecordFilter>;
export type RuleSpec = Contract.RuleSpec<RecordFilter>;

export interface AutomationRule extends RuleSpec {
  id: string;
  workspaceId: string;
  /** Bumped by every edit; a run records the version it ran. */
  version: number;
  /** Set when metadata changes broke the rule (a field archived…): the rule is off until fixed. */
  disabledReason: string | null;
  /**
   * The change log's last drawn id when the rule turned active: only later changes start its
   * record-triggered runs (null: a rule from before this was kept, any change).
   */
  firesAfterChange: bigint | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Actions that write attribute their changes to the rule: the change log's actor is the rule's id. */
export const automationActorPrefix = 'Automation: ';

/** Loop guard: a chain of rule runs caused by each other stops at this depth… */
export const maxChainDepth = 5;
/** …and one rule runs at most this often per record per minute. */
export const maxRunsPerRecordPerMinute = 10;
