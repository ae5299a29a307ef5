import { gql, type TypedDocumentNode } from '@apollo/client/core';
import { keepPushed, withPushed } from '../apollo';

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

/** A run only moves forward (a re-run is a new run); one seen finished stays finished. */
const runProgress = (run: AutomationRun) => (run.finishedAt ? 1 : 0);

/** Keeps the latest pushed version of a run (dry runs are no part of a rule's history). */
export function keepPushedRun(pushed: Map<string, AutomationRun>, run: AutomationRun): void {
  if (!run.dryRun) keepPushed(pushed, run, runProgress);
}

/** The runs read and pushed, newest first (see withPushed). */
export function withPushedRuns(
  read: readonly AutomationRun[],
  pushed: ReadonlyMap<string, AutomationRun>,
): AutomationRun[] {
  return withPushed(
    read.filter((run) => !run.dryRun),
    pushed,
    runProgress,
  );
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
