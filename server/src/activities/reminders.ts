import type { TimeZoneChangedHook } from '../identity/index.js';
import type { JobTasks } from '../jobs/index.js';
import type { RecordHooks } from '../records/index.js';
import { digestTask, sendDigest } from './digest.js';
import { sendDueReminder, type ReminderJobDeps } from './reminder-job.js';
import { RuleCache } from './reminder-rules.js';
import { reminderHooks } from './reminder-schedule.js';
import { rescheduleOnTimeZoneChange } from './reminder-time-zone.js';
import { reminderTask } from './reminder-state.js';

export interface Reminders {
  /** On the record store: schedules, moves and cancels reminder jobs with each write. */
  recordHooks: RecordHooks;
  /** For the job queue: the task that sends a due reminder. */
  tasks: JobTasks;
  /** For identity: a user's new time zone moves their DATE reminders. */
  timeZoneChanged: TimeZoneChangedHook;
}

export function createReminders(deps: ReminderJobDeps): Reminders {
  const rules = new RuleCache();
  return {
    recordHooks: reminderHooks(rules),
    // The daily notification digest runs on the same queue.
    tasks: { [reminderTask]: sendDueReminder(deps, rules), [digestTask]: sendDigest(deps.orm) },
    timeZoneChanged: rescheduleOnTimeZoneChange(rules),
  };
}
