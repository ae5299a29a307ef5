import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeTimeCursor, encodeTimeCursor, queryRows } from '../platform/index.js';
import type { RunRow } from './runs.js';

export interface StepRow {
  run_id: string;
  path: string;
  type: string;
  status: string;
  input: unknown;
  output: unknown;
  error: string | null;
  attempts: number;
  started_at: Date;
  finished_at: Date | null;
}

export interface RunWithSteps extends RunRow {
  steps: StepRow[];
}

export interface RunPage {
  nodes: RunWithSteps[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** A workspace's runs, newest first, of a rule and/or a record, with their steps in path order. */
export async function listRuns(
  em: EntityManager,
  workspaceId: string,
  filter: { ruleId?: string | null; recordId?: string | null },
  first: number,
  after: string | null,
): Promise<RunPage> {
  const conditions = ['workspace_id = ?'];
  const params: unknown[] = [workspaceId];
  for (const [column, value] of [
    ['rule_id', filter.ruleId],
    ['record_id', filter.recordId],
  ] as const) {
    if (!value) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  if (after) {
    const cursor = decodeTimeCursor(after);
    conditions.push('(created_at, id) < (?::timestamptz, ?::uuid)');
    params.push(cursor.at, cursor.id);
  }
  const rows = await queryRows<RunRow>(
    em,
    `select * from automation_run where ${conditions.join(' and ')} order by created_at desc, id desc limit ${first + 1}`,
    params,
  );
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return {
    nodes: await withSteps(em, page),
    endCursor: last ? encodeTimeCursor(new Date(last.created_at), last.id) : null,
    hasNextPage: rows.length > first,
  };
}

/** The runs with their steps (the executor announcing the runs a transaction moved). */
export async function findRuns(
  em: EntityManager,
  workspaceId: string,
  ids: readonly string[],
): Promise<RunWithSteps[]> {
  const rows = await queryRows<RunRow>(
    em,
    'select * from automation_run where workspace_id = ? and id = any(?::uuid[])',
    [workspaceId, `{${ids.join(',')}}`],
  );
  return withSteps(em, rows);
}

export async function findRun(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<RunWithSteps | null> {
  return (await findRuns(em, workspaceId, [id]))[0] ?? null;
}

async function withSteps(em: EntityManager, runs: RunRow[]): Promise<RunWithSteps[]> {
  if (!runs.length) return [];
  const steps = await queryRows<StepRow>(
    em,
    'select * from automation_step where run_id = any(?::uuid[]) order by started_at, path',
    [`{${runs.map((r) => r.id).join(',')}}`],
  );
  return runs.map((run) => ({ ...run, steps: steps.filter((s) => s.run_id === run.id) }));
}
