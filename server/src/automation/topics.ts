// Automation's event topic, merged into the bus's EventTopics.
import type { RunWithSteps } from './history.js';

/**
 * A run moved on (a step done, waiting, finished), with the run as it now is: watchers apply
 * it instead of reading it again. Routed by `<workspaceId>:rule:<ruleId>` and
 * `<workspaceId>:record:<recordId>`.
 */
export interface AutomationRunChanged {
  run: RunWithSteps;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'automation.runChanged': [route: string, payload: AutomationRunChanged];
  }
}

export const ruleRunsRoute = (workspaceId: string, ruleId: string) => `${workspaceId}:rule:${ruleId}`;
export const recordRunsRoute = (workspaceId: string, recordId: string) => `${workspaceId}:record:${recordId}`;

/** Where a run's changes are published: its rule's watchers and its record's. */
export function runRoutes(run: {
  workspace_id: string;
  rule_id: string;
  record_id: string | null;
}): string[] {
  const routes = [ruleRunsRoute(run.workspace_id, run.rule_id)];
  if (run.record_id) routes.push(recordRunsRoute(run.workspace_id, run.record_id));
  return routes;
}
