import type { TestClient } from './client.js';
import { eventually } from './ws.js';

// Automation over the API: rules, runs, and waiting for a run to end.

export const ruleFields = /* GraphQL */ `
  id
  key
  name
  description
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
  description?: string;
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

export interface Rule {
  id: string;
  key: string | null;
  name: string;
  description: string;
  objectKey: string;
  enabled: boolean;
  version: number;
  trigger: Record<string, unknown>;
  condition: Record<string, unknown> | null;
  actions: Record<string, unknown>[];
  disabledReason: string | null;
}

export async function listRules(client: TestClient, objectKey?: string): Promise<Rule[]> {
  const { automationRules } = await client.data<{ automationRules: Rule[] }>(
    `query ($objectKey: String) { automationRules(objectKey: $objectKey) { ${ruleFields} } }`,
    { objectKey },
  );
  return automationRules;
}

/** Saves `rule` with `patch` applied, as the builder does (the whole rule, at its version). */
export async function updateRule(
  client: TestClient,
  rule: Rule,
  patch: Partial<RuleInput> = {},
): Promise<void> {
  const { name, description, objectKey, enabled, trigger, condition, actions } = { ...rule, ...patch };
  await client.data(
    `mutation ($id: ID!, $input: AutomationRuleInput!, $expectedVersion: Int) {
      updateAutomationRule(id: $id, input: $input, expectedVersion: $expectedVersion) { id }
    }`,
    {
      id: rule.id,
      expectedVersion: rule.version,
      input: { name, description, objectKey, enabled, trigger, condition, actions },
    },
  );
}

/** The member's inbox notifications from rules (kind AUTOMATION). */
export async function automationNotifications(client: TestClient): Promise<{ recordId: string }[]> {
  const { notifications } = await client.data<{
    notifications: { nodes: { kind: string; recordId: string }[] };
  }>(`query { notifications(first: 100) { nodes { kind recordId } } }`);
  return notifications.nodes.filter((n) => n.kind === 'AUTOMATION').map(({ recordId }) => ({ recordId }));
}
