import type { EntityManager } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { scheduleJobs } from '../jobs/index.js';
import { AppError } from '../platform/index.js';
import { readChanges, type RecordChange } from '../records/index.js';
import { handlerFor, RetryableStepError } from './actions/index.js';
import type { AutomationRule } from './model.js';
import { findRule } from './rules.js';
import {
  actionAt,
  continueRun,
  endWaits,
  finishRun,
  lockRun,
  markRunWrites,
  runJob,
  stepAttempts,
  writeStep,
} from './runs.js';
import type { AutomationRunServices } from './services.js';
import { actionContext } from './step-context.js';
import { toRecordChange } from './changes.js';
import { findRun } from './history.js';
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

type Outcome = 'continue' | 'done';

/**
 * The job of a run: its steps one after the other, each in a transaction of its own that
 * also records the step and moves the run on, so a step that only writes to the database
 * happens exactly once whatever crashes. A WAIT or a retry ends the job with a later one.
 */
export function runStepsTask(deps: ExecutorDeps): Task {
  return async (raw) => {
    await runSteps(deps, (raw as { runId: string }).runId);
  };
}

export async function runSteps(deps: ExecutorDeps, runId: string): Promise<void> {
  while ((await runNextStep(deps, runId)) === 'continue');
}

async function runNextStep(deps: ExecutorDeps, runId: string): Promise<Outcome> {
  const afterCommit: (() => Promise<void>)[] = [];
  const outcome = await deps.fork().transactional((em) => step(deps, em, runId, afterCommit));
  for (const task of afterCommit) await task();
  return outcome;
}

async function step(
  deps: ExecutorDeps,
  em: EntityManager,
  runId: string,
  afterCommit: (() => Promise<void>)[],
): Promise<Outcome> {
  const run = await lockRun(em, runId);
  if (!run || terminal.has(run.status)) return 'done';
  // Whatever this step does to the run, its watchers get the run as committed.
  afterCommit.push(() => announceRun(deps, run.workspace_id, run.id));
  // A job woken before its time (a duplicate): the one at resume time carries on.
  if (run.status === 'WAITING' && run.resume_at && new Date(run.resume_at).getTime() > Date.now() + 500)
    return 'done';
  if (run.status === 'WAITING') await endWaits(em, run.id);
  const [path, ...rest] = run.pending;
  if (path === undefined) {
    await finishRun(em, run.id, 'SUCCEEDED');
    return 'done';
  }
  const fail = async (error: string) => {
    await finishRun(em, run.id, 'FAILED', error);
    return 'done' as const;
  };
  const action = actionAt(run.actions, path);
  const handler = action && handlerFor(action.type);
  if (!action || !handler) return fail(`Step ${path}: no such action.`);
  const metadata = await deps.services.metadataCache.get(em, run.workspace_id);
  const rule = await ruleOf(em, run);
  const object = metadata?.objects.find((o) => o.key === run.object_key && !o.archivedAt);
  if (!metadata || !rule || !object) return fail(`The rule's object “${run.object_key}” is gone.`);
  const recordCtx = { em, metadata, actorId: rule.id };
  const record = run.record_id
    ? ((
        await deps.services.records.getMany(recordCtx, object, [run.record_id], { includeDeleted: true })
      )[0] ?? null)
    : null;
  const change = run.change_id ? await changeOf(em, metadata.schema, run.change_id) : null;
  const attempts = (await stepAttempts(em, run.id, path)) + 1;
  const held: (() => Promise<void>)[] = [];
  const base = { path, type: action.type, input: action, attempts };
  let result;
  try {
    result = await em.transactional((inner) =>
      handler.run(
        action,
        actionContext({
          em: inner,
          services: deps.services,
          metadata,
          object,
          rule,
          run,
          path,
          record,
          change,
          afterCommit: (task) => void held.push(task),
          now: new Date(),
        }),
      ),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RetryableStepError && attempts < maxStepAttempts && !run.dry_run) {
      const retryAt = new Date(Date.now() + backoffMs(attempts));
      await writeStep(em, run.id, {
        ...base,
        status: 'FAILED',
        error: `${message} (retrying at ${retryAt.toISOString()})`,
        finished: false,
      });
      await continueRun(em, run.id, run.pending, retryAt);
      await scheduleJobs(em, [runJob(run.id, retryAt)]);
      return 'done';
    }
    if (!(error instanceof AppError) && !(error instanceof RetryableStepError))
      deps.services.logger.error({ err: error, runId: run.id, path }, 'automation step failed');
    await writeStep(em, run.id, { ...base, status: 'FAILED', error: message, finished: true });
    return fail(`Step ${Number(path.split('.')[0]) + 1} (${action.type}) failed: ${message}`);
  }
  afterCommit.push(...held);
  if (!run.dry_run) await markRunWrites(em, run);
  const waiting = Boolean(result.resumeAt) && !run.dry_run;
  await writeStep(em, run.id, {
    ...base,
    status: waiting ? 'WAITING' : 'SUCCEEDED',
    output: result.output ?? null,
    finished: !waiting,
  });
  const next = result.next ? result.next.actions.map((_, i) => `${path}.${result.next!.branch}.${i}`) : [];
  const pending = [...next, ...rest];
  if (waiting) {
    await continueRun(em, run.id, pending, result.resumeAt!);
    await scheduleJobs(em, [runJob(run.id, result.resumeAt!)]);
    return 'done';
  }
  if (!pending.length) {
    await finishRun(em, run.id, 'SUCCEEDED');
    return 'done';
  }
  await continueRun(em, run.id, pending, null);
  return 'continue';
}

/** Rules by id and version: a version never changes, so each process reads one once. */
const ruleVersions = new Map<string, AutomationRule>();
const maxCachedRules = 1_000;

async function ruleOf(
  em: EntityManager,
  run: { workspace_id: string; rule_id: string; rule_version: number },
) {
  const key = `${run.rule_id}:${run.rule_version}`;
  const cached = ruleVersions.get(key);
  if (cached) return cached;
  const rule = await findRule(em, run.workspace_id, run.rule_id);
  if (rule?.version === run.rule_version) {
    if (ruleVersions.size >= maxCachedRules) ruleVersions.clear();
    ruleVersions.set(key, rule);
  }
  return rule;
}

async function changeOf(em: EntityManager, schema: string, changeId: string): Promise<RecordChange | null> {
  const id = BigInt(changeId);
  const [row] = await readChanges(em, schema, { after: id - 1n, upTo: id, limit: 1 });
  return row ? toRecordChange(row) : null;
}

/** One read of the run by the process that moved it, pushed to every watcher of its rule and record. */
async function announceRun(deps: ExecutorDeps, workspaceId: string, runId: string): Promise<void> {
  try {
    const run = await findRun(deps.fork(), workspaceId, runId);
    if (!run || run.dry_run) return;
    for (const route of runRoutes(run))
      await deps.services.events.publish('automation.runChanged', route, { run });
  } catch (error) {
    // The step is committed; a watcher missing this sees the run on its next read.
    deps.services.logger.warn({ err: error, runId }, 'automation run announcement failed');
  }
}
