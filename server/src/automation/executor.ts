import type { EntityManager } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { scheduleJobs, type ScheduledJob } from '../jobs/index.js';
import { AppError } from '../platform/index.js';
import type { RuleAction } from './model.js';
import { handlerFor, RetryableStepError, type ActionHandler, type StepResult } from './actions/index.js';
import { findRuns } from './history.js';
import {
  continuedMove,
  endWaits,
  finishedMove,
  lockRuns,
  moveRuns,
  writeSteps,
  type RunMove,
  type StepRecord,
} from './run-progress.js';
import { actionAt, markRunWrites, runJob, runsPerTransaction, type RunRow } from './runs.js';
import type { AutomationRunServices } from './services.js';
import { actionContext } from './step-context.js';
import { loadStepInputs, type RunScope, type StepInputs } from './step-inputs.js';
import { runRoutes } from './topics.js';

/** Attempts of a step whose outside effect failed (RetryableStepError), with backoff between them. */
export const maxStepAttempts = 8;
const backoffMs = (attempt: number) => Math.min(2 ** attempt * 1_000, 3_600_000);

const terminal = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED', 'LOOP_STOPPED']);

export interface ExecutorDeps {
  /** A fresh entity manager (the ORM's, or a request's fork for a dry run). */
  fork: () => EntityManager;
  services: AutomationRunServices;
}

/** What one run's step decided, written with the batch's other runs'. */
interface StepOutcome {
  step?: StepRecord;
  move: RunMove;
  job?: ScheduledJob;
  /** Its next step runs in the batch's next transaction. */
  again: boolean;
  /** The step wrote through the record store (its changes carry the run's cause). */
  wrote: boolean;
}

/**
 * The job of a run, or of a batch of runs started together: their steps one after the other,
 * each step in a transaction that also records it and moves its run on, so a step that only
 * writes to the database happens exactly once whatever crashes. The batch's runs share each
 * transaction (their first steps in one, their second steps in the next…), each step under a
 * savepoint of its own. A WAIT or a retry ends a run's part in the job with a later job.
 */
export function runStepsTask(deps: ExecutorDeps): Task {
  return async (raw) => {
    const payload = raw as { runId?: string; runIds?: string[]; workspaceId?: string; stoppedIds?: string[] };
    if (payload.stoppedIds?.length)
      await announceRuns(
        deps,
        payload.stoppedIds.map((id) => ({ id, workspace_id: payload.workspaceId!, dry_run: false })),
      );
    await runSteps(deps, payload.runIds ?? [payload.runId!]);
  };
}

export async function runSteps(deps: ExecutorDeps, runIds: string | readonly string[]): Promise<void> {
  const ids = typeof runIds === 'string' ? [runIds] : runIds;
  for (let i = 0; i < ids.length; i += runsPerTransaction) {
    let pending = ids.slice(i, i + runsPerTransaction);
    while (pending.length) pending = await advance(deps, pending);
  }
}

async function advance(deps: ExecutorDeps, runIds: readonly string[]): Promise<string[]> {
  const afterCommit: (() => Promise<void>)[] = [];
  const again = await deps.fork().transactional((em) => stepRuns(deps, em, runIds, afterCommit));
  for (const task of afterCommit) await task();
  return again;
}

/** Runs with the same cause: the loop guard reads a transaction's changes as caused by one chain. */
const causeOf = (run: RunRow) => `${run.depth}:${run.actor_id ?? ''}`;

async function stepRuns(
  deps: ExecutorDeps,
  em: EntityManager,
  runIds: readonly string[],
  afterCommit: (() => Promise<void>)[],
): Promise<string[]> {
  const locked = (await lockRuns(em, runIds)).filter((run) => !terminal.has(run.status));
  if (!locked.length) return [];
  const cause = causeOf(locked[0]!);
  const later = locked.filter((run) => causeOf(run) !== cause).map((run) => run.id);
  const runs = locked
    .filter((run) => causeOf(run) === cause)
    // A job woken before its time (a duplicate): the one at resume time carries on.
    .filter(
      (run) =>
        !(run.status === 'WAITING' && run.resume_at && new Date(run.resume_at).getTime() > Date.now() + 500),
    );
  // Whatever the steps do to the runs, their watchers get them as committed.
  afterCommit.push(() => announceRuns(deps, runs));
  await endWaits(
    em,
    runs.filter((run) => run.status === 'WAITING').map((run) => run.id),
  );
  const inputs = await loadStepInputs(em, deps.services, runs);
  const decided = new Map<RunRow, StepOutcome>();
  for (const group of sharedSteps(runs, inputs)) {
    const together = await stepTogether(deps, em, group, afterCommit);
    if (together) group.forEach((step, i) => decided.set(step.run, together[i]!));
  }
  const outcomes: StepOutcome[] = [];
  for (const run of runs)
    outcomes.push(decided.get(run) ?? (await stepRun(deps, em, run, inputs, afterCommit)));
  const writer = runs.find((run, i) => outcomes[i]!.wrote);
  if (writer) await markRunWrites(em, writer);
  await writeSteps(
    em,
    outcomes.flatMap((o) => (o.step ? [o.step] : [])),
  );
  await moveRuns(
    em,
    outcomes.map((o) => o.move),
  );
  await scheduleJobs(
    em,
    outcomes.flatMap((o) => (o.job ? [o.job] : [])),
  );
  return [...runs.filter((_, i) => outcomes[i]!.again).map((run) => run.id), ...later];
}

/** A run's next step, ready to run. */
interface NextStep {
  run: RunRow;
  path: string;
  /** The steps after it. */
  rest: string[];
  action: RuleAction;
  handler: ActionHandler;
  scope: RunScope;
  attempts: number;
}

const done = (move: RunMove, step?: StepRecord): StepOutcome => ({ move, step, again: false, wrote: false });
const failed = (run: RunRow, error: string, step?: StepRecord) =>
  done(finishedMove(run.id, 'FAILED', error), step);

/** The run's next step, or the outcome when it has none to run. */
function nextStep(run: RunRow, inputs: StepInputs): NextStep | StepOutcome {
  const [path, ...rest] = run.pending;
  if (path === undefined) return done(finishedMove(run.id, 'SUCCEEDED'));
  const action = actionAt(run.actions, path);
  const handler = action && handlerFor(action.type);
  if (!action || !handler) return failed(run, `Step ${path}: no such action.`);
  const scope = inputs.of(run);
  if (!scope) return failed(run, `The rule's object “${run.object_key}” is gone.`);
  return { run, path, rest, action, handler, scope, attempts: inputs.attempts(run, path) + 1 };
}

const stepBase = (next: NextStep) => ({
  runId: next.run.id,
  path: next.path,
  type: next.action.type,
  input: next.action,
  attempts: next.attempts,
});

/**
 * The chunk's steps that can run set-based: runs of one rule at a step of the same type whose
 * handler has `runMany`, two or more of them (dry runs alone, one at a time).
 */
function sharedSteps(runs: readonly RunRow[], inputs: StepInputs): NextStep[][] {
  const groups = new Map<string, NextStep[]>();
  for (const run of runs) {
    if (run.dry_run) continue;
    const next = nextStep(run, inputs);
    if (!('handler' in next) || !next.handler.runMany) continue;
    const key = `${run.rule_id}:${run.rule_version}:${next.action.type}`;
    const group = groups.get(key) ?? [];
    group.push(next);
    groups.set(key, group);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

/**
 * The same step of many runs in one set-based write under one savepoint (`runMany`). Null
 * when it failed: the savepoint is rolled back and each run's step runs on its own.
 */
async function stepTogether(
  deps: ExecutorDeps,
  em: EntityManager,
  group: readonly NextStep[],
  afterCommit: (() => Promise<void>)[],
): Promise<StepOutcome[] | null> {
  const held: (() => Promise<void>)[] = [];
  const now = new Date();
  let results: StepResult[];
  try {
    results = await em.transactional((inner) =>
      group[0]!.handler.runMany!(
        group.map((next) => ({
          action: next.action,
          ctx: actionContext({
            ...next.scope,
            em: inner,
            services: deps.services,
            run: next.run,
            path: next.path,
            afterCommit: (task) => void held.push(task),
            now,
          }),
        })),
      ),
    );
  } catch (error) {
    deps.services.logger.debug(
      { err: error, runs: group.length },
      'automation: a set-based step failed; its runs step one by one',
    );
    return null;
  }
  afterCommit.push(...held);
  return group.map((next, i) => succeeded(next, results[i]!));
}

async function stepRun(
  deps: ExecutorDeps,
  em: EntityManager,
  run: RunRow,
  inputs: StepInputs,
  afterCommit: (() => Promise<void>)[],
): Promise<StepOutcome> {
  const next = nextStep(run, inputs);
  if (!('handler' in next)) return next;
  const { path, action, handler, scope, attempts } = next;
  const held: (() => Promise<void>)[] = [];
  const base = stepBase(next);
  let result;
  try {
    result = await em.transactional((inner) =>
      handler.run(
        action,
        actionContext({
          ...scope,
          em: inner,
          services: deps.services,
          run,
          path,
          afterCommit: (task) => void held.push(task),
          now: new Date(),
        }),
      ),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RetryableStepError && attempts < maxStepAttempts && !run.dry_run) {
      const retryAt = new Date(Date.now() + backoffMs(attempts));
      return {
        step: {
          ...base,
          status: 'FAILED',
          error: `${message} (retrying at ${retryAt.toISOString()})`,
          finished: false,
        },
        move: continuedMove(run, run.pending, retryAt),
        job: runJob(run.id, retryAt),
        again: false,
        wrote: false,
      };
    }
    if (!(error instanceof AppError) && !(error instanceof RetryableStepError))
      deps.services.logger.error({ err: error, runId: run.id, path }, 'automation step failed');
    return failed(run, `Step ${Number(path.split('.')[0]) + 1} (${action.type}) failed: ${message}`, {
      ...base,
      status: 'FAILED',
      error: message,
      finished: true,
    });
  }
  afterCommit.push(...held);
  return succeeded(next, result);
}

/** Where a run goes once its step is done: on to the next step, waiting, or finished. */
function succeeded(next: NextStep, result: StepResult): StepOutcome {
  const { run, path, rest } = next;
  const waiting = Boolean(result.resumeAt) && !run.dry_run;
  const step: StepRecord = {
    ...stepBase(next),
    status: waiting ? 'WAITING' : 'SUCCEEDED',
    output: result.output ?? null,
    finished: !waiting,
  };
  const wrote = !run.dry_run;
  const branch = result.next ? result.next.actions.map((_, i) => `${path}.${result.next!.branch}.${i}`) : [];
  const pending = [...branch, ...rest];
  if (waiting)
    return {
      step,
      move: continuedMove(run, pending, result.resumeAt!),
      job: runJob(run.id, result.resumeAt!),
      again: false,
      wrote,
    };
  if (!pending.length) return { step, move: finishedMove(run.id, 'SUCCEEDED'), again: false, wrote };
  return { step, move: continuedMove(run, pending, null), again: true, wrote };
}

/** One read of the runs by the process that moved them, pushed to every watcher of their rules and records. */
async function announceRuns(
  deps: ExecutorDeps,
  moved: readonly Pick<RunRow, 'id' | 'workspace_id' | 'dry_run'>[],
): Promise<void> {
  const live = moved.filter((run) => !run.dry_run);
  if (!live.length) return;
  try {
    for (const workspaceId of new Set(live.map((r) => r.workspace_id))) {
      const ids = live.filter((r) => r.workspace_id === workspaceId).map((r) => r.id);
      for (const run of await findRuns(deps.fork(), workspaceId, ids))
        for (const route of runRoutes(run))
          await deps.services.events.publish('automation.runChanged', route, { run });
    }
  } catch (error) {
    // The steps are committed; a watcher missing this sees the runs on their next read.
    deps.services.logger.warn(
      { err: error, runIds: live.map((r) => r.id) },
      'automation run announcement failed',
    );
  }
}
