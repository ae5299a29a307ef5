import { engineTriggerChecks, type TriggerCheck } from './checks.js';
import { timeTriggerChecks } from './check.js';

/**
 * The trigger checks by kind. A later entry for a kind replaces an earlier one: the time
 * triggers' owner appends its DATE_RELATIVE and SCHEDULE checks (cron parsing…) here.
 */
export const triggerChecks: readonly TriggerCheck[] = [...engineTriggerChecks, ...timeTriggerChecks];

export function triggerCheckFor(kind: string): TriggerCheck | undefined {
  return triggerChecks.findLast((c) => c.kind === kind);
}

export { checkStage, stageFieldOf, type TriggerCheck } from './checks.js';
export type { RunRequest, StartRun, TimeTriggers } from './contract.js';
export { createTimeTriggers, type TimeTriggerDeps } from './time-triggers.js';
export { fireExternalTrigger, type ExternalTriggerEvent } from './external.js';
export { ownerTimeZoneChanged } from './owner-time-zone.js';
