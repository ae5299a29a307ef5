import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../platform/index.js';
import type { RunStatus } from './model.js';
import type { RunRow } from './runs.js';

// A batch of runs moves on together: each statement here covers every run of the batch.

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** The runs, locked in id order (two batches sharing runs wait for each other, never deadlock). */
export async function lockRuns(em: EntityManager, runIds: readonly string[]): Promise<RunRow[]> {
  return queryRows<RunRow>(
    em,
    'select * from automation_run where id = any(?::uuid[]) order by id for update',
    [uuidArray(runIds)],
  );
}

/** How often each run's step ran before, by `<run>:<path>`. */
export async function stepAttempts(
  em: EntityManager,
  runIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await queryRows<{ run_id: string; path: string; attempts: number }>(
    em,
    'select run_id, path, attempts from automation_step where run_id = any(?::uuid[])',
    [uuidArray(runIds)],
  );
  return new Map(rows.map((r) => [`${r.run_id}:${r.path}`, r.attempts]));
}

export interface StepRecord {
  runId: string;
  path: string;
  type: string;
  status: 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'WAITING';
  input: unknown;
  output?: unknown;
  error?: string | null;
  attempts: number;
  finished: boolean;
}

export async function writeSteps(em: EntityManager, steps: readonly StepRecord[]): Promise<void> {
  if (!steps.length) return;
  const rows = steps.map((s) => ({
    run_id: s.runId,
    path: s.path,
    type: s.type,
    status: s.status,
    input: s.input ?? null,
    output: s.output ?? null,
    error: s.error ?? null,
    attempts: s.attempts,
    finished: s.finished,
  }));
  await queryRows(
    em,
    `insert into automation_step (run_id, path, type, status, input, output, error, attempts, finished_at)
     select run_id, path, type, status, input, output, error, attempts, case when finished then now() end
     from jsonb_to_recordset(?::jsonb) as s(run_id uuid, path text, type text, status text, input jsonb,
       output jsonb, error text, attempts int, finished boolean)
     on conflict (run_id, path) do update set status = excluded.status, input = excluded.input,
       output = excluded.output, error = excluded.error, attempts = excluded.attempts, finished_at = excluded.finished_at`,
    [JSON.stringify(rows)],
  );
}

/** Where a run goes after a step: on (RUNNING), waiting until `resumeAt`, or finished. */
export interface RunMove {
  runId: string;
  status: RunStatus;
  error: string | null;
  pending: readonly string[];
  resumeAt: Date | null;
  finished: boolean;
}

export function finishedMove(runId: string, status: RunStatus, error: string | null = null): RunMove {
  return { runId, status, error, pending: [], resumeAt: null, finished: true };
}

export function continuedMove(run: RunRow, pending: readonly string[], resumeAt: Date | null): RunMove {
  return {
    runId: run.id,
    status: resumeAt ? 'WAITING' : 'RUNNING',
    error: run.error,
    pending,
    resumeAt,
    finished: false,
  };
}

export async function moveRuns(em: EntityManager, moves: readonly RunMove[]): Promise<void> {
  if (!moves.length) return;
  const rows = moves.map((m) => ({
    id: m.runId,
    status: m.status,
    error: m.error,
    pending: m.pending,
    resume_at: m.resumeAt?.toISOString() ?? null,
    finished: m.finished,
  }));
  await queryRows(
    em,
    `update automation_run r set status = v.status, error = v.error, pending = v.pending, resume_at = v.resume_at,
       finished_at = case when v.finished then now() else r.finished_at end
     from jsonb_to_recordset(?::jsonb) as v(id uuid, status text, error text, pending jsonb,
       resume_at timestamptz, finished boolean)
     where r.id = v.id`,
    [JSON.stringify(rows)],
  );
}

/** A WAIT step is over once the run resumes. */
export async function endWaits(em: EntityManager, runIds: readonly string[]): Promise<void> {
  if (!runIds.length) return;
  await queryRows(
    em,
    `update automation_step set status = 'SUCCEEDED', finished_at = now()
     where run_id = any(?::uuid[]) and status = 'WAITING'`,
    [uuidArray(runIds)],
  );
}
