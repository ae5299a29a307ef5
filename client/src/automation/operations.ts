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

/** Each run of a rule (admins) or on a record (members) as it moves on, with its steps. */
export const AUTOMATION_RUN_CHANGED: TypedDocumentNode<
  { automationRunChanged: AutomationRun },
  { ruleId?: string | null; recordId?: string | null }
> = gql`
  subscription AutomationRunChanged($ruleId: ID, $recordId: ID) {
    automationRunChanged(ruleId: $ruleId, recordId: $recordId) { ${runFields} }
  }
`;

/** A page of runs with a pushed run in it: in place when held, else first (runs come newest first). */
export function withPushedRun(page: AutomationRunPage, run: AutomationRun): AutomationRunPage {
  if (run.dryRun) return page;
  const at = page.nodes.findIndex((r) => r.id === run.id);
  const nodes = at === -1 ? [run, ...page.nodes] : page.nodes.map((r, i) => (i === at ? run : r));
  return { ...page, nodes };
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
