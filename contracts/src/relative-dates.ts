/**
 * Relative date values in filters (`{dueDate: {within: {period: TODAY}}}`): saved as written and
 * turned into bounds at read time, in the reader's time zone. The server compiles the bounds to
 * SQL and the browser evaluates them on pushed changes, both with these functions, so a live view
 * and the server agree on what "today" is.
 */

export const relativePeriods = ['TODAY', 'YESTERDAY', 'THIS_WEEK', 'OVERDUE'] as const;
export type RelativePeriod = (typeof relativePeriods)[number];

/** Exactly one of the two: a named period, or today and the `nextDays` days after it. */
export interface RelativeRange {
  period?: RelativePeriod | null;
  nextDays?: number | null;
}

export const maxNextDays = 366;

/** Half-open bounds `[from, before)`: calendar dates for DATE fields, instants for DATE_TIME. */
export interface RelativeBounds {
  dates: { from: string | null; before: string | null };
  instants: { from: Date | null; before: Date | null };
}

/** Who reads, where and when: what `isMe` and relative dates mean for this read. */
export interface Reader {
  userId: string | null;
  timeZone: string;
  now: Date;
}

/** A relative range from unchecked input, or the problem and the key it is at. */
export function parseRelativeRange(
  operand: unknown,
): { range: RelativeRange } | { problem: string; at?: 'period' | 'nextDays' } {
  if (typeof operand !== 'object' || operand === null || Array.isArray(operand))
    return { problem: 'must be {period: …} or {nextDays: N}.' };
  const { period, nextDays, ...rest } = operand as Record<string, unknown>;
  const unknownKey = Object.keys(rest)[0];
  if (unknownKey !== undefined) return { problem: `unknown key “${unknownKey}”; use period or nextDays.` };
  const hasPeriod = period !== undefined && period !== null;
  const hasDays = nextDays !== undefined && nextDays !== null;
  if (hasPeriod === hasDays) return { problem: 'give exactly one of period and nextDays.' };
  if (hasPeriod) {
    if (!relativePeriods.includes(period as RelativePeriod))
      return { problem: `period: one of ${relativePeriods.join(', ')}.`, at: 'period' };
    return { range: { period: period as RelativePeriod } };
  }
  if (!Number.isInteger(nextDays) || (nextDays as number) < 1 || (nextDays as number) > maxNextDays)
    return { problem: `nextDays: a whole number from 1 to ${maxNextDays}.`, at: 'nextDays' };
  return { range: { nextDays: nextDays as number } };
}

/** `name` as the runtime's canonical IANA zone (`europe/paris` → `Europe/Paris`), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading of `instant` in `timeZone`, as if it were UTC (milliseconds). */
function wallClock(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The calendar date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/**
 * The first instant of `date` in `timeZone`: local midnight, or the first minute after it where
 * a daylight-saving jump skips midnight (America/Santiago, Asia/Beirut).
 */
export function startOfZonedDay(date: string, timeZone: string): Date {
  return zonedInstant(date, '00:00', timeZone);
}

/**
 * The instant the clocks of `timeZone` read `time` ('HH:MM') on `date`; where a daylight-saving
 * jump skips that time, the time the jump moves it to (02:30 on a 02:00→03:00 night: 03:30).
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const target = Date.parse(`${date}T${time}:00Z`);
  // Offsets can differ either side of the guess; two rounds settle on the one in force.
  let instant = target - (wallClock(new Date(target), timeZone) - target);
  instant = target - (wallClock(new Date(instant), timeZone) - instant);
  // In a gap the wall clock after `instant` shows a time before the target: move to it.
  const shown = wallClock(new Date(instant), timeZone);
  if (shown < target) instant += target - shown;
  return new Date(instant);
}

/** Monday of the ISO week holding `date`. */
function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The bounds of `range` for a reader at `now` in `timeZone`. */
export function relativeBounds(
  range: RelativeRange,
  reader: Pick<Reader, 'timeZone' | 'now'>,
): RelativeBounds {
  const today = zonedDate(reader.now, reader.timeZone);
  const days = (from: string | null, before: string | null): RelativeBounds => ({
    dates: { from, before },
    instants: {
      from: from === null ? null : startOfZonedDay(from, reader.timeZone),
      before: before === null ? null : startOfZonedDay(before, reader.timeZone),
    },
  });
  if (range.nextDays) return days(today, addDays(today, range.nextDays + 1));
  switch (range.period) {
    case 'YESTERDAY':
      return days(addDays(today, -1), today);
    case 'THIS_WEEK': {
      const monday = mondayOf(today);
      return days(monday, addDays(monday, 7));
    }
    case 'OVERDUE':
      // A date is overdue from the day after it; an instant as soon as it has passed.
      return { dates: { from: null, before: today }, instants: { from: null, before: reader.now } };
    default:
      return days(today, addDays(today, 1));
  }
}
