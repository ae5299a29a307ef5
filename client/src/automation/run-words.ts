import type { AutomationStep, RunStatus, StepStatus } from './operations';

/** How a run's or a step's status reads, and the badge colour it takes. */
export const statusWords: Record<RunStatus | StepStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  WAITING: 'Waiting',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  SKIPPED: 'Skipped',
  LOOP_STOPPED: 'Stopped by the loop guard',
};

export function statusTone(status: RunStatus | StepStatus): 'good' | 'bad' | 'neutral' {
  if (status === 'SUCCEEDED') return 'good';
  if (status === 'FAILED' || status === 'LOOP_STOPPED') return 'bad';
  return 'neutral';
}

const actionWords: Record<string, string> = {
  CREATE_RECORD: 'Create a record',
  UPDATE_RECORD: 'Update fields',
  ASSIGN: 'Assign',
  MOVE_STAGE: 'Move stage',
  ADD_COMMENT: 'Add a comment',
  NOTIFY: 'Notify',
  SEND_EMAIL: 'Send an e-mail',
  CALL_WEBHOOK: 'Call a webhook',
  WAIT: 'Wait',
  BRANCH: 'Branch',
};

/** "2. Create a record", "3.then.1. Notify": a step named by its place in the rule. */
export function stepTitle(step: Pick<AutomationStep, 'path' | 'type'>): string {
  const place = step.path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part))
    .join(' › ');
  return `${place}. ${actionWords[step.type] ?? step.type}`;
}

/** A step's input or output as indented JSON; empty for none. */
export function jsonText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export const when = (at: string) =>
  new Date(at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
