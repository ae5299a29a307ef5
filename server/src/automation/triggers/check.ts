import { canonicalTimeZone } from '@crm/contracts';
import type { ObjectDef } from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import { expectFieldOfType } from '../actions/field-checks.js';
import { checkCondition } from '../check-values.js';
import type { RuleTrigger } from '../model.js';
import { allowed, type TriggerCheck } from './checks.js';
import { cronProblem } from './cron.js';

/** Furthest a date trigger may fire from its date: a year and a day, either side. */
export const maxOffsetMinutes = 366 * 24 * 60;
const timeOfDayPattern = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/**
 * Checks the parts of a DATE_RELATIVE or SCHEDULE trigger (others pass untouched), with
 * BAD_USER_INPUT at `path` plus the part: the date field, the offset, the cron, the zone.
 */
export function checkTimeTrigger(trigger: RuleTrigger, object: ObjectDef, path: readonly string[]): void {
  if (trigger.kind !== 'DATE_RELATIVE' && trigger.kind !== 'SCHEDULE') return;
  const zone = checkTimeZone(trigger.timeZone, [...path, 'timeZone']);
  if (trigger.kind === 'SCHEDULE') {
    const problem = cronProblem(trigger.cron, zone);
    if (problem) throw new BadInput([...path, 'cron'], `cron: ${problem}.`);
    return;
  }
  expectFieldOfType(object, trigger.dateField, ['DATE', 'DATETIME'], [...path, 'dateField']);
  const offset = trigger.offsetMinutes ?? 0;
  if (!Number.isInteger(offset) || Math.abs(offset) > maxOffsetMinutes)
    throw new BadInput(
      [...path, 'offsetMinutes'],
      `offsetMinutes: a whole number of minutes from -${maxOffsetMinutes} to ${maxOffsetMinutes}.`,
    );
  if (trigger.yearly !== undefined && typeof trigger.yearly !== 'boolean')
    throw new BadInput([...path, 'yearly'], 'yearly: true or false.');
  if (trigger.timeOfDay !== undefined && trigger.timeOfDay !== null) {
    if (typeof trigger.timeOfDay !== 'string' || !timeOfDayPattern.test(trigger.timeOfDay))
      throw new BadInput([...path, 'timeOfDay'], 'timeOfDay: HH:MM, such as 09:00.');
  }
}

/** DATE_RELATIVE and SCHEDULE checks, replacing the engine's shape-only ones. */
export const timeTriggerChecks: readonly TriggerCheck[] = [
  {
    kind: 'DATE_RELATIVE',
    check: (trigger, { object, path }) => {
      allowed(trigger, ['dateField', 'offsetMinutes', 'yearly', 'timeOfDay', 'timeZone'], path);
      checkTimeTrigger(trigger, object, path);
    },
  },
  {
    kind: 'SCHEDULE',
    check: (trigger, { metadata, object, path }) => {
      allowed(trigger, ['cron', 'timeZone', 'scheduleFilter'], path);
      checkTimeTrigger(trigger, object, path);
      if (trigger.scheduleFilter !== undefined && trigger.scheduleFilter !== null)
        checkCondition(metadata, object, trigger.scheduleFilter, [...path, 'scheduleFilter']);
    },
  },
];

/** The zone a time trigger is read in: its own when given (and valid), else UTC. */
function checkTimeZone(value: unknown, path: readonly string[]): string {
  if (value === undefined || value === null) return 'UTC';
  const zone = typeof value === 'string' ? canonicalTimeZone(value) : null;
  if (!zone)
    throw new BadInput(
      path,
      `timeZone: “${String(value).slice(0, 64)}” is not an IANA time zone such as Europe/Paris.`,
    );
  return zone;
}
