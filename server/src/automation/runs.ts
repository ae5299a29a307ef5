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
  const [id] = await startRuns(em, [{ request, rule }], options);
  return id ?? null;
}

export interface RunStart {
  request: RunRequest;
  rule: AutomationRule;
}

/**
 * Many runs at once (the dispatcher's batch): the loop guard's counts, the inserts and the
 * jobs in three statements whatever their number; one job per chunk of `runsPerTransaction`.
 * Returns the ids of the runs started (a repeated dedupe key starts nothing).
 */
export async function startRuns(
  em: EntityManager,
  starts: readonly RunStart[],
  options: Omit<StartOptions, 'rule'> = {},
): Promise<string[]> {
  const live = starts.filter(
    ({ rule }) => options.dryRun || options.manual || (rule.enabled && !rule.disabledReason),
  );
  if (!live.length) return [];
  const recent = options.dryRun ? new Map<string, number>() : await runsInLastMinute(em, live);
  const rows = live.map(({ request, rule }) => {
    const { status, error } = guard(request, rule, recent, options);
    return {
      id: randomUUID(),
      workspace_id: request.workspaceId,
      rule_id: rule.id,
      rule_version: rule.version,
      rule_name: rule.name,
      object_key: rule.object,
      record_id: request.recordId,
      change_id: request.changeId ?? null,
      trigger: request.trigger,
      status,
      dry_run: options.dryRun ?? false,
      depth: request.depth ?? 1,
      actor_id: request.actorId ?? null,
      error,
      dedupe_key: request.dedupeKey,
      actions: rule.actions,
      pending: rule.actions.map((_, i) => String(i)),
    };
  });
  const inserted = await queryRows<{ id: string; status: RunStatus }>(
    em,
    `insert into automation_run (id, workspace_id, rule_id, rule_version, rule_name, object_key, record_id, change_id,
       trigger, status, dry_run, depth, actor_id, error, dedupe_key, actions, pending, finished_at)
     select id, workspace_id, rule_id, rule_version, rule_name, object_key, record_id, change_id, trigger, status,
       dry_run, depth, actor_id, error, dedupe_key, actions, pending,
       case when status = 'QUEUED' then null else now() end
     from jsonb_to_recordset(?::jsonb) as r(id uuid, workspace_id uuid, rule_id uuid, rule_version int,
       rule_name text, object_key text, record_id uuid, change_id bigint, trigger text, status text,
       dry_run boolean, depth int, actor_id uuid, error text, dedupe_key text, actions jsonb, pending jsonb)
     on conflict (workspace_id, dedupe_key) do nothing returning id, status`,
    [JSON.stringify(rows)],
  );
  const queued = inserted.filter((r) => r.status === 'QUEUED').map((r) => r.id);
  // Runs the loop guard stopped are announced by the job (their watchers see them at once).
  const stopped = inserted.filter((r) => r.status === 'LOOP_STOPPED').map((r) => r.id);
  if ((queued.length || stopped.length) && !options.dryRun)
    await scheduleJobs(
      em,
      queued.length === 1 && !stopped.length
        ? [runJob(queued[0]!)]
        : chunked(queued).map((ids, i) =>
            batchJob(live[0]!.request.workspaceId, ids, i === 0 ? stopped : []),
          ),
    );
  // In the order asked for, so a single start's id is the first.
  const ids = new Set(inserted.map((r) => r.id));
  return rows.filter((r) => ids.has(r.id)).map((r) => r.id);
}

/** Runs whose next steps share one transaction (the executor's chunk). */
export const runsPerTransaction = 100;

/**
 * A batch's runs in chunks of one transaction each, each chunk its own job: the workers run
 * the chunks side by side on their own connections instead of one after the other.
 */
function chunked(ids: readonly string[]): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += runsPerTransaction) chunks.push(ids.slice(i, i + runsPerTransaction));
  return chunks.length ? chunks : [[]];
}

/** One job for a chunk of runs started together: they execute together, many steps per transaction. */
function batchJob(
  workspaceId: string,
  runIds: readonly string[],
  stoppedIds: readonly string[],
): ScheduledJob {
  return {
    task: runTask,
    key: `automation-runs:${runIds[0] ?? stoppedIds[0]}`,
    payload: { workspaceId, runIds, stoppedIds },
    runAt: new Date(),
  };
}

function guard(
  request: RunRequest,
  rule: AutomationRule,
  recent: Map<string, number>,
  options: Omit<StartOptions, 'rule'>,
): { status: RunStatus; error: string | null } {
  if (options.dryRun) return { status: 'QUEUED', error: null };
  const depth = request.depth ?? 1;
  if (depth > maxChainDepth)
    return {
      status: 'LOOP_STOPPED',
      error: `Stopped by the loop guard: this run would be number ${depth} in a chain of rules triggering each other (at most ${maxChainDepth}).`,
    };
  if (!request.recordId) return { status: 'QUEUED', error: null };
  // Runs of this batch count too, as they would have one after the other.
  const key = `${rule.id}:${request.recordId}`;
  const count = recent.get(key) ?? 0;
  if (count >= maxRunsPerRecordPerMinute)
    return {
      status: 'LOOP_STOPPED',
      error: `Stopped by the loop guard: the rule ran ${count} times on this record in the last minute (at most ${maxRunsPerRecordPerMinute}).`,
    };
  recent.set(key, count + 1);
  return { status: 'QUEUED', error: null };
}

/** Each rule's runs on each record in the last minute, by `<rule>:<record>`. */
async function runsInLastMinute(
  em: EntityManager,
  starts: readonly RunStart[],
): Promise<Map<string, number>> {
  const pairs = starts.filter((s) => s.request.recordId);
  if (!pairs.length) return new Map();
  const rows = await queryRows<{ rule_id: string; record_id: string; n: number }>(
    em,
    `select rule_id, record_id, count(*)::int as n from automation_run
     where (rule_id, record_id) in (select * from unnest(?::uuid[], ?::uuid[]))
       and not dry_run and status <> 'LOOP_STOPPED' and created_at > now() - interval '1 minute'
     group by rule_id, record_id`,
    [`{${pairs.map((s) => s.rule.id).join(',')}}`, `{${pairs.map((s) => s.request.recordId).join(',')}}`],
  );
  return new Map(rows.map((r) => [`${r.rule_id}:${r.record_id}`, r.n]));
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
