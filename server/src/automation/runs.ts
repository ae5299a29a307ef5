import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { scheduleJobs, type ScheduledJob } from '../jobs/index.js';
import { queryRows } from '../platform/index.js';
import {
  maxChainDepth,
  maxRunsPerRecordPerMinute,
  type AutomationRule,
  type RuleAction,
  type RunStatus,
} from './model.js';
import { findRule } from './rules.js';
import type { RunRequest } from './triggers/contract.js';

export const runTask = 'automation:run';

export interface RunRow {
  id: string;
  workspace_id: string;
  rule_id: string;
  rule_version: number;
  rule_name: string;
  object_key: string;
  record_id: string | null;
  change_id: string | null;
  trigger: string;
  status: RunStatus;
  dry_run: boolean;
  depth: number;
  actor_id: string | null;
  error: string | null;
  dedupe_key: string;
  actions: RuleAction[];
  pending: string[];
  resume_at: Date | null;
  created_at: Date;
  finished_at: Date | null;
}

/** The job that runs a run's next steps (one pending per run: waking it again only moves it). */
export function runJob(runId: string, runAt = new Date()): ScheduledJob {
  return { task: runTask, key: `automation-run:${runId}`, payload: { runId }, runAt };
}

export interface StartOptions {
  /** Runs nothing by itself: the caller runs the steps, which write nothing. */
  dryRun?: boolean;
  /** A person asked (the manual button, a rerun): a disabled rule runs too. */
  manual?: boolean;
  /** The rule as the caller just read it (the dispatcher), instead of reading it again. */
  rule?: AutomationRule;
}

/**
 * Starts a run in `em`'s transaction, its first job committed with it; null when the
 * dedupe key already ran or the rule is gone or off. The loop guard stops a run here, as
 * LOOP_STOPPED with its reason: too deep a chain of runs causing each other, or the rule
 * running too often on one record.
 */
export async function startRun(
  em: EntityManager,
  request: RunRequest,
  options: StartOptions = {},
): Promise<string | null> {
  const rule = options.rule ?? (await findRule(em, request.workspaceId, request.ruleId));
  if (!rule) return null;
  if (!options.dryRun && !options.manual && (!rule.enabled || rule.disabledReason)) return null;
  const depth = request.depth ?? 1;
  let status: RunStatus = 'QUEUED';
  let error: string | null = null;
  if (!options.dryRun && depth > maxChainDepth) {
    status = 'LOOP_STOPPED';
    error = `Stopped by the loop guard: this run would be number ${depth} in a chain of rules triggering each other (at most ${maxChainDepth}).`;
  } else if (!options.dryRun && request.recordId) {
    const recent = await runsInLastMinute(em, rule.id, request.recordId);
    if (recent >= maxRunsPerRecordPerMinute) {
      status = 'LOOP_STOPPED';
      error = `Stopped by the loop guard: the rule ran ${recent} times on this record in the last minute (at most ${maxRunsPerRecordPerMinute}).`;
    }
  }
  const [row] = await queryRows<{ id: string }>(
    em,
    `insert into automation_run (id, workspace_id, rule_id, rule_version, rule_name, object_key, record_id, change_id,
       trigger, status, dry_run, depth, actor_id, error, dedupe_key, actions, pending, finished_at)
     values (?, ?, ?, ?, ?, ?, ?, ?::bigint, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ${status === 'QUEUED' ? 'null' : 'now()'})
     on conflict (workspace_id, dedupe_key) do nothing returning id`,
    [
      randomUUID(),
      request.workspaceId,
      rule.id,
      rule.version,
      rule.name,
      rule.object,
      request.recordId,
      request.changeId ?? null,
      request.trigger,
      status,
      options.dryRun ?? false,
      depth,
      request.actorId ?? null,
      error,
      request.dedupeKey,
      JSON.stringify(rule.actions),
      JSON.stringify(rule.actions.map((_, i) => String(i))),
    ],
  );
  if (!row) return null;
  if (status === 'QUEUED' && !options.dryRun) await scheduleJobs(em, [runJob(row.id)]);
  return row.id;
}

async function runsInLastMinute(em: EntityManager, ruleId: string, recordId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    em,
    `select count(*)::int as n from automation_run
     where rule_id = ? and record_id = ? and not dry_run and status <> 'LOOP_STOPPED'
       and created_at > now() - interval '1 minute'`,
    [ruleId, recordId],
  );
  return row!.n;
}

export async function lockRun(em: EntityManager, runId: string): Promise<RunRow | null> {
  const [row] = await queryRows<RunRow>(em, 'select * from automation_run where id = ? for update', [runId]);
  return row ?? null;
}

export async function finishRun(
  em: EntityManager,
  runId: string,
  status: RunStatus,
  error: string | null = null,
): Promise<void> {
  await queryRows(
    em,
    `update automation_run set status = ?, error = ?, pending = '[]', resume_at = null, finished_at = now() where id = ?`,
    [status, error, runId],
  );
}

export async function continueRun(
  em: EntityManager,
  runId: string,
  pending: readonly string[],
  resumeAt: Date | null,
): Promise<void> {
  await queryRows(
    em,
    'update automation_run set status = ?, pending = ?::jsonb, resume_at = ? where id = ?',
    [resumeAt ? 'WAITING' : 'RUNNING', JSON.stringify(pending), resumeAt, runId],
  );
}

export interface StepRecord {
  path: string;
  type: string;
  status: 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'WAITING';
  input: unknown;
  output?: unknown;
  error?: string | null;
  attempts: number;
  finished: boolean;
}

export async function stepAttempts(em: EntityManager, runId: string, path: string): Promise<number> {
  const [row] = await queryRows<{ attempts: number }>(
    em,
    'select attempts from automation_step where run_id = ? and path = ?',
    [runId, path],
  );
  return row?.attempts ?? 0;
}

export async function writeStep(em: EntityManager, runId: string, step: StepRecord): Promise<void> {
  await queryRows(
    em,
    `insert into automation_step (run_id, path, type, status, input, output, error, attempts, finished_at)
     values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ${step.finished ? 'now()' : 'null'})
     on conflict (run_id, path) do update set status = excluded.status, input = excluded.input,
       output = excluded.output, error = excluded.error, attempts = excluded.attempts, finished_at = excluded.finished_at`,
    [
      runId,
      step.path,
      step.type,
      step.status,
      JSON.stringify(step.input ?? null),
      step.output === undefined ? null : JSON.stringify(step.output),
      step.error ?? null,
      step.attempts,
    ],
  );
}

/** A WAIT step is over once the run resumes. */
export async function endWaits(em: EntityManager, runId: string): Promise<void> {
  await queryRows(
    em,
    `update automation_step set status = 'SUCCEEDED', finished_at = now() where run_id = ? and status = 'WAITING'`,
    [runId],
  );
}

/**
 * Marks the step's transaction as written by the run: the dispatcher reads the changes it
 * logged with the run's chain depth and causing user (the loop guard, `isMe`).
 */
export async function markRunWrites(em: EntityManager, run: RunRow): Promise<void> {
  await queryRows(
    em,
    `insert into automation_write (xid, run_id, rule_id, depth, actor_id) values (pg_current_xact_id(), ?, ?, ?, ?)
     on conflict do nothing`,
    [run.id, run.rule_id, run.depth, run.actor_id],
  );
}

/** The action at a step path: '2' or '3.then.0'. */
export function actionAt(actions: readonly RuleAction[], path: string): RuleAction | undefined {
  const parts = path.split('.');
  let list: readonly RuleAction[] | undefined = actions;
  let action: RuleAction | undefined;
  for (let i = 0; i < parts.length; i += 2) {
    action = list?.[Number(parts[i])];
    if (!action) return undefined;
    const branch = parts[i + 1];
    if (branch === undefined) return action;
    list = action.type === 'BRANCH' ? (branch === 'then' ? action.then : action.else) : undefined;
  }
  return action;
}
