import { engineTriggerChecks, type TriggerCheck } from './checks.js';

/**
 * The trigger checks by kind. A later entry for a kind replaces an earlier one: the time
 * triggers' owner appends its DATE_RELATIVE and SCHEDULE checks (cron parsing…) here.
 */
export const triggerChecks: readonly TriggerCheck[] = [...engineTriggerChecks];

export function triggerCheckFor(kind: string): TriggerCheck | undefined {
  return triggerChecks.findLast((c) => c.kind === kind);
}

export { checkStage, stageFieldOf, type TriggerCheck } from './checks.js';
export type { RunRequest, StartRun, TimeTriggers } from './contract.js';
