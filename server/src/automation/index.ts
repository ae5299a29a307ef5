// Automation: rules as data (trigger, condition, actions), the dispatcher that starts runs
// from committed changes, the run executor on durable jobs, run history and the API.
export * from './model.js';
export { actionHandlers, handlerFor, RetryableStepError } from './actions/index.js';
export type { ActionContext, ActionHandler, CheckContext, StepResult } from './actions/handler.js';
export { checkRule, ruleProblem } from './check.js';
export { createAutomation, type Automation } from './engine.js';
export { AutomationResolver } from './graphql/resolver.js';
export { listRules } from './rules.js';
export { saveRulesByKey } from './service.js';
export { startRun } from './runs.js';
export type { AutomationContext, AutomationRunServices, AutomationServices } from './services.js';
export {
  createTimeTriggers,
  fireExternalTrigger,
  ownerTimeZoneChanged,
  triggerChecks,
  type ExternalTriggerEvent,
  type TimeTriggerDeps,
  type RunRequest,
  type StartRun,
  type TimeTriggers,
  type TriggerCheck,
} from './triggers/index.js';
export { automationActorName, automationRunKind, automationTimelineSource } from './timeline-source.js';
export { noTimeTriggers } from './triggers/no-time-triggers.js';
export { automationMigrations } from './migrations/index.js';
export type { AutomationRunChanged } from './topics.js';
