import { formatDateTime, i18n } from '../i18n';
import type { AutomationStep, RunStatus, StepStatus } from './operations';

const statuses: (RunStatus | StepStatus)[] = [
  'QUEUED',
  'RUNNING',
  'WAITING',
  'SUCCEEDED',
  'FAILED',
  'SKIPPED',
  'LOOP_STOPPED',
];

/**
 * How a run's or a step's status reads, in the language shown: each word is read from the
 * messages when a template asks for it (`statusWords[run.status]`), so a switch of language
 * shows at once; an unknown status reads undefined.
 */
export const statusWords = Object.defineProperties(
  {} as Record<RunStatus | StepStatus, string>,
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { enumerable: true, get: () => i18n.global.t(`automation.status.${status}`) },
    ]),
  ),
);

export function statusTone(status: RunStatus | StepStatus): 'good' | 'bad' | 'neutral' {
  if (status === 'SUCCEEDED') return 'good';
  if (status === 'FAILED' || status === 'LOOP_STOPPED') return 'bad';
  return 'neutral';
}

/** "2. Create a record", "3.then.1. Notify": a step named by its place in the rule. */
export function stepTitle(step: Pick<AutomationStep, 'path' | 'type'>): string {
  const place = step.path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part))
    .join(' › ');
  const key = `automation.actions.${step.type}`;
  // A type this client does not know yet is shown as the server names it.
  const action = i18n.global.te(key, 'en') ? i18n.global.t(key) : step.type;
  return `${place}. ${action}`;
}

/** A step's input or output as indented JSON; empty for none. */
export function jsonText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** A run's moment, to the second, in the user's language and time zone. */
export const when = (at: string) => formatDateTime(at, { dateStyle: 'medium', timeStyle: 'medium' });
