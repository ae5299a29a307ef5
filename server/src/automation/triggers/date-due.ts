import { zonedDate, zonedInstant } from '@crm/contracts';

/** What a DATE_RELATIVE trigger needs to know to place a record's due time. */
export interface DateTriggerTiming {
  fieldType: 'DATE' | 'DATETIME';
  /** Minutes after the date (negative: before). */
  offsetMinutes: number;
  yearly: boolean;
  /** 'HH:MM' for a DATE (and a yearly DATETIME's day); 09:00 when null. */
  timeOfDay: string | null;
}

export const defaultTimeOfDay = '09:00';

/** How many years ahead a yearly date is looked for (a Feb 29 falls at least every 8 years). */
const yearsAhead = 9;

/**
 * When a trigger falls due for a record whose date field holds `value` (a DATE 'YYYY-MM-DD'
 * or a DATETIME), read in `timeZone`. A one-off trigger has one time, past or not; a yearly one
 * the first occurrence after `after`, never before the date itself (a renewal on 2030-05-01
 * first fires in 2030). Null when there is none.
 */
export function dueTimeOf(
  timing: DateTriggerTiming,
  value: string | Date,
  timeZone: string,
  after: Date,
): Date | null {
  const offsetMs = timing.offsetMinutes * 60_000;
  const time = timing.timeOfDay ?? defaultTimeOfDay;
  if (!timing.yearly) {
    if (timing.fieldType === 'DATETIME') return new Date(new Date(value).getTime() + offsetMs);
    return new Date(zonedInstant(String(value), time, timeZone).getTime() + offsetMs);
  }
  const day = timing.fieldType === 'DATE' ? String(value) : zonedDate(new Date(value), timeZone);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const from = Math.max(year, Number(zonedDate(after, timeZone).slice(0, 4)) - 1);
  for (let y = from; y <= from + yearsAhead; y++) {
    const due = zonedInstant(anniversary(y, month, date), time, timeZone).getTime() + offsetMs;
    if (due > after.getTime()) return new Date(due);
  }
  return null;
}

/** Month and day in `year` as 'YYYY-MM-DD': Feb 29 is kept on Feb 28 in a common year. */
export function anniversary(year: number, month: number, day: number): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const shown = month === 2 && day === 29 && !leap ? 28 : day;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(shown).padStart(2, '0')}`;
}
