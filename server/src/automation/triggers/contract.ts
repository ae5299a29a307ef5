import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobTasks } from '../../jobs/index.js';
import type { WorkspaceMetadata } from '../../metadata/index.js';
import type { RecordChange } from '../../records/index.js';
import type { AutomationRule, TriggerKind } from '../model.js';

/** A run the engine should start (record triggers, time triggers, the manual button, forms, mail). */
export interface RunRequest {
  workspaceId: string;
  ruleId: string;
  /** null: a record-less scheduled run. */
  recordId: string | null;
  trigger: TriggerKind;
  changeId?: string | null;
  /** At most one run per key (`<rule>:<change>`, `<rule>:<record>:<due time>`…): a repeat starts nothing. */
  dedupeKey: string;
  /** Chain depth of the cause (1 when a person caused it). */
  depth?: number;
  /** The user whose write caused the run, through any chain of runs (`isMe` in conditions). */
  actorId?: string | null;
}

/** Starts a run in `em`'s transaction (its first step is a job committed with it); null when the key already ran. */
export type StartRun = (em: EntityManager, request: RunRequest) => Promise<string | null>;

/**
 * DATE_RELATIVE and SCHEDULE rules fire from durable jobs the time triggers keep in step
 * with rules and records; the engine calls them, they call back `StartRun` when due.
 */
export interface TimeTriggers {
  /** In the rule write's transaction: (re)schedule or cancel the rule's jobs (`rule` null: deleted). */
  ruleSaved(
    em: EntityManager,
    metadata: WorkspaceMetadata,
    ruleId: string,
    rule: AutomationRule | null,
  ): Promise<void>;
  /** In the change consumer's transaction: move the jobs of records whose date changed, cancel deleted ones. */
  changesConsumed(
    em: EntityManager,
    metadata: WorkspaceMetadata,
    rules: readonly AutomationRule[],
    changes: readonly RecordChange[],
  ): Promise<void>;
  /** The job tasks that fire due rules. */
  tasks: JobTasks;
}
