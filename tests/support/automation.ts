import type { TestClient } from './client.js';
import { eventually } from './ws.js';

// Automation over the API: rules, runs, and waiting for a run to end.

export const ruleFields = /* GraphQL */ `
  id
  key
  name
  objectKey
  enabled
  version
  trigger
  condition
  actions
  disabledReason
`;

export const runFields = /* GraphQL */ `
  id
  ruleId
  ruleName
  recordId
  changeId
  trigger
  status
  dryRun
  depth
  error
  steps {
    path
    type
    status
    input
    output
    error
    attempts
  }
`;

export interface Run {
  id: string;
  ruleId: string;
  ruleName: string;
  recordId: string | null;
  changeId: string | null;
  trigger: string;
  status: string;
  dryRun: boolean;
  depth: number;
  error: string | null;
  steps: {
    path: string;
    type: string;
    status: string;
    input: unknown;
    output: Record<string, unknown> | null;
    error: string | null;
    attempts: number;
  }[];
}

export interface RuleInput {
  name: string;
  objectKey: string;
  enabled?: boolean;
  trigger: Record<string, unknown>;
  condition?: Record<string, unknown> | null;
  actions: Record<string, unknown>[];
}

export async function createRule(
  client: TestClient,
  input: RuleInput,
): Promise<{ id: string; version: number }> {
  const { createAutomationRule } = await client.data<{
    createAutomationRule: { id: string; version: number };
  }>(`mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { ${ruleFields} } }`, {
    input,
  });
  return createAutomationRule;
}

export async function runsOf(
  client: TestClient,
  filter: { ruleId?: string; recordId?: string },
): Promise<Run[]> {
  const { automationRuns } = await client.data<{ automationRuns: { nodes: Run[] } }>(
    `query ($ruleId: ID, $recordId: ID) { automationRuns(ruleId: $ruleId, recordId: $recordId, first: 200) { nodes { ${runFields} } } }`,
    filter,
  );
  return automationRuns.nodes;
}

const finished = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED', 'LOOP_STOPPED']);

/** Waits until the rule has `count` runs, all finished; returns them, newest first. */
export async function finishedRuns(
  client: TestClient,
  ruleId: string,
  count: number,
  timeoutMs = 60_000,
): Promise<Run[]> {
  let runs: Run[] = [];
  await eventually(async () => {
    runs = await runsOf(client, { ruleId });
    return runs.length >= count && runs.every((r) => finished.has(r.status));
  }, timeoutMs);
  return runs;
}
