import { canonicalTimeZone } from '@crm/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { cancelJobs, scheduleJobs } from '../../jobs/index.js';
import type { AutomationRule } from '../model.js';
import { nextCronTime } from './cron.js';

export const scheduleTask = 'automation-schedule';

/** One pending job per SCHEDULE rule: its next time; the job schedules the one after. */
export function scheduleJobKey(ruleId: string): string {
  return `automation:schedule:${ruleId}`;
}

export interface SchedulePayload {
  workspaceId: string;
  ruleId: string;
  /** The expression and zone it was computed from: a job of an edited schedule does nothing. */
  cron: string;
  timeZone: string;
  dueAt: string;
}

/** The zone a SCHEDULE rule is read in: its own, else UTC. */
export function scheduleZone(rule: AutomationRule): string {
  return (rule.trigger.timeZone && canonicalTimeZone(rule.trigger.timeZone)) || 'UTC';
}

/** Schedules the rule's next occurrence after `after` (replacing its pending job). */
export async function scheduleNext(
  em: Pick<EntityManager, 'execute'>,
  rule: AutomationRule,
  after: Date,
): Promise<Date> {
  const cron = rule.trigger.cron!;
  const timeZone = scheduleZone(rule);
  const dueAt = nextCronTime(cron, timeZone, after);
  const payload: SchedulePayload = {
    workspaceId: rule.workspaceId,
    ruleId: rule.id,
    cron,
    timeZone,
    dueAt: dueAt.toISOString(),
  };
  await scheduleJobs(em, [
    { task: scheduleTask, key: scheduleJobKey(rule.id), runAt: dueAt, payload: { ...payload } },
  ]);
  return dueAt;
}

export async function cancelSchedule(em: Pick<EntityManager, 'execute'>, ruleId: string): Promise<void> {
  await cancelJobs(em, [scheduleJobKey(ruleId)]);
}
