// Automation runs as members meet them: the record page's manual rule buttons, and the
// run and step displays the admin's run history shares.
export { default as ManualAutomations } from './ManualAutomations.vue';
export { default as RunSteps } from './RunSteps.vue';
export { default as TimelineRunEntry } from './TimelineRunEntry.vue';
export {
  AUTOMATION_RUN_CHANGED,
  AUTOMATION_RUN_FIELDS,
  AUTOMATION_RUNS,
  type AutomationRun,
  type AutomationRunPage,
  type AutomationStep,
  type RunStatus,
  keepPushedRun,
  withPushedRuns,
} from './operations';
export { statusTone, statusWords, stepTitle, when } from './run-words';
