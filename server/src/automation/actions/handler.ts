import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../../metadata/index.js';
import type { RecordChange, RecordContext, RecordRow, RecordView } from '../../records/index.js';
import type { AutomationRule, RuleAction, ValueSource } from '../model.js';
import type { AutomationRunServices } from '../services.js';

/**
 * The contract of one action type: checked when a rule is written, run as one step of a
 * run. Each type lives in its own file under actions/ and is listed in actions/index.ts;
 * the engine knows no action by name.
 */
export interface ActionHandler<A extends RuleAction = RuleAction> {
  type: A['type'];
  /** Refuses a bad action with BadInput naming `at.path` and the part (`[...at.path, 'values', 'price']`). */
  check(action: A, at: CheckContext): void;
  /**
   * Runs the step in `ctx.em`'s transaction, which also records the step: a step that only
   * writes to the database happens exactly once. A step with an outside effect (HTTP, mail)
   * may run again after a crash, so it carries `ctx.idempotencyKey` to the outside.
   * Throwing fails the step; the job retries it with backoff (`retryable` errors) or fails the run.
   * In a dry run (`ctx.dryRun`) it writes nothing and says in its output what it would do.
   */
  run(action: A, ctx: ActionContext): Promise<StepResult>;
  /**
   * Optional, for an action that writes only through the record store: the same step of many
   * runs of one rule at once (a chunk's runs), in one set-based write, all or nothing; a result
   * per step, in order. The contexts share the step's transaction, the rule as actor and the
   * after-commit work. Throwing rolls all of them back, and the executor runs each with `run`
   * under a savepoint of its own, so a step that would fail fails alone. Never for a dry run.
   */
  runMany?(steps: readonly ManyStep<A>[]): Promise<StepResult[]>;
}

export interface ManyStep<A extends RuleAction = RuleAction> {
  action: A;
  ctx: ActionContext;
}

export interface CheckContext {
  metadata: WorkspaceMetadata;
  /** The rule's object. */
  object: ObjectDef;
  /** Where this action sits in the input: ['input', 'actions', '2'] or […, '1', 'then', '0']. */
  path: string[];
  /** Checks nested actions (BRANCH). */
  checkActions(actions: unknown, path: string[]): void;
  /** The workspace's members, when the write reads them (the API's): named members must be among them. */
  members?: ReadonlySet<string>;
}

export interface ActionContext {
  /** The step's transaction. */
  em: EntityManager;
  services: AutomationRunServices;
  /**
   * For writes through `services.records`: the step's transaction, the rule as actor, and the
   * store's after-commit work (live updates, consumers' wake-ups) held until the step commits.
   */
  records: RecordContext;
  metadata: WorkspaceMetadata;
  workspaceId: string;
  rule: AutomationRule;
  /** The rule's object. */
  object: ObjectDef;
  runId: string;
  /** '2', '3.then.0' */
  stepPath: string;
  /** `${runId}:${stepPath}`: the same on every retry of the step. */
  idempotencyKey: string;
  /** The trigger record as it is now (a deleted one too, `deletedAt` set); null for a record-less scheduled run. */
  record: RecordRow | null;
  /** The change that triggered the run, when one did. */
  change: RecordChange | null;
  /** The change log's actor for the run's writes: the rule's id ("Automation: <name>" in the timeline). */
  actorId: string;
  /** The user whose write (or click) caused the run, through any chain of runs: `isMe` in conditions. */
  causedBy: string | null;
  dryRun: boolean;
  now: Date;
  /** A ValueSource as the API value for `field`. */
  resolve(source: ValueSource, field: FieldDef): Promise<unknown>;
  /**
   * Merge-field text (`{{ record.name }}`) against the trigger record, its related records and the
   * rule; for a `viewer`, as their permission profile shows them (hidden fields and related
   * records out of their scope render empty).
   */
  render(template: string, viewer?: RecordViewer): Promise<string>;
}

/** A member's view of records: the metadata with their hidden fields archived, and their scope. */
export type RecordViewer = RecordView;

export interface StepResult {
  /** What the step did, shown in the run history (ids written, users notified, HTTP status…). */
  output?: unknown;
  /** WAIT: the run continues with the next step at this time (a job, not a timer). */
  resumeAt?: Date;
  /** BRANCH: these actions run next, before the rest of the list; `branch` is shown in the history. */
  next?: { branch: 'then' | 'else'; actions: RuleAction[] };
}

/** An error worth retrying (a timeout, a 5xx answer): the step runs again with backoff. */
export class RetryableStepError extends Error {}
