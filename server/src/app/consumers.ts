import {
  createAutomation,
  createTimeTriggers,
  type Automation,
  type TimeTriggerDeps,
} from '../automation/index.js';
import { createChangeConsumers, type ChangeConsumers, type ConsumerDeps } from '../consumers/index.js';

/**
 * The automation engine with its time triggers (DATE_RELATIVE, SCHEDULE), wired the same in
 * the server and in `pnpm worker`.
 */
export function appAutomation(deps: TimeTriggerDeps): Automation {
  return createAutomation(deps.orm, createTimeTriggers(deps));
}

/**
 * The change log's consumers, the same in the server and in `pnpm worker` (either may run
 * their jobs): automation's dispatcher; add another (outgoing webhooks) to this list.
 */
export function appChangeConsumers(deps: ConsumerDeps, automation: Automation): ChangeConsumers {
  return createChangeConsumers(deps, [automation.consumer]);
}
