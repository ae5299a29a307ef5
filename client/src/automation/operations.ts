import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Runs of automation rules as the API reports them (docs/automation.md): the record page's
// manual buttons and the admin's run history both read them.

export type RunStatus =
  'QUEUED' | 'RUNNING' | 'WAITING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'LOOP_STOPPED';
export type StepStatus = 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'WAITING';

export interface AutomationStep {
  path: string;
  type: string;
  status: StepStatus;
  input: unknown;
  output: unknown;
  error: string | null;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface AutomationRun {
  id: string;
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  objectKey: string;
  recordId: string | null;
  changeId: string | null;
  trigger: string;
  status: RunStatus;
  dryRun: boolean;
  depth: number;
  error: string | null;
  steps: AutomationStep[];
  createdAt: string;
  finishedAt: string | null;
}

export interface AutomationRunPage {
  nodes: AutomationRun[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** A MANUAL rule as the record page offers it. */
export interface ManualAutomation {
  id: string;
  name: string;
  description: string;
}

export const runFields = `
  id ruleId ruleName ruleVersion objectKey recordId changeId trigger status dryRun depth error
  steps { path type status input output error attempts startedAt finishedAt }
  createdAt finishedAt
`;

export const AUTOMATION_RUNS: TypedDocumentNode<
  { automationRuns: AutomationRunPage },
  { ruleId?: string | null; recordId?: string | null; first?: number; after?: string | null }
> = gql`
  query AutomationRuns($ruleId: ID, $recordId: ID, $first: Int, $after: String) {
    automationRuns(ruleId: $ruleId, recordId: $recordId, first: $first, after: $after) {
      nodes { ${runFields} }
      endCursor
      hasNextPage
    }
  }
`;

export const AUTOMATION_RUN_FIELDS = runFields;

/**
 * Each run of a rule (admins) or on a record (members) as it moves on, with its steps; with
 * `latest`, first the newest runs as they are once it listens.
 */
export const AUTOMATION_RUN_CHANGED: TypedDocumentNode<
  { automationRunChanged: AutomationRun },
  { ruleId?: string | null; recordId?: string | null; latest?: number }
> = gql`
  subscription AutomationRunChanged($ruleId: ID, $recordId: ID, $latest: Int) {
    automationRunChanged(ruleId: $ruleId, recordId: $recordId, latest: $latest) { ${runFields} }
  }
`;

/**
 * Keeps the newest pushed version of a run. A run only moves forward (a re-run is a new run),
 * so what was pushed last is the latest, except that one pushed as finished stays finished: the
 * subscription's opening read of the newest runs may be answered before a change pushed earlier.
 */
export function keepPushedRun(pushed: Map<string, AutomationRun>, run: AutomationRun): void {
  if (run.dryRun) return;
  const held = pushed.get(run.id);
  if (!held?.finishedAt || run.finishedAt) pushed.set(run.id, run);
}

/**
 * The runs to show, newest first: those read, each as pushed when a push came (unless only the
 * read saw it finished), and pushed runs the read did not have. A push may come before the read
 * is answered, and a read answered before a push may land after it: neither loses the other.
 */
export function withPushedRuns(
  read: readonly AutomationRun[],
  pushed: ReadonlyMap<string, AutomationRun>,
): AutomationRun[] {
  const runs = new Map(read.filter((run) => !run.dryRun).map((run) => [run.id, run]));
  for (const run of pushed.values()) {
    const held = runs.get(run.id);
    if (!held?.finishedAt || run.finishedAt) runs.set(run.id, run);
  }
  const newestFirst = (a: AutomationRun, b: AutomationRun) =>
    b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return [...runs.values()].sort(newestFirst);
}

export const MANUAL_AUTOMATIONS: TypedDocumentNode<
  { manualAutomations: ManualAutomation[] },
  { objectKey: string }
> = gql`
  query ManualAutomations($objectKey: String!) {
    manualAutomations(objectKey: $objectKey) {
      id
      name
      description
    }
  }
`;

export const RUN_AUTOMATION: TypedDocumentNode<
  { runAutomation: AutomationRun },
  { ruleId: string; recordId: string }
> = gql`
  mutation RunAutomation($ruleId: ID!, $recordId: ID!) {
    runAutomation(ruleId: $ruleId, recordId: $recordId) { ${runFields} }
  }
`;
