/**
 * Month arithmetic for the calendar, in the browser's time zone: a month as six weeks of
 * days starting on the language's first day of the week (`weekStart()`, 1 = Monday … 7 = Sunday),
 * the range to ask the records API for, and the day a value falls on.
 */

/** A day as `YYYY-MM-DD`, the form DATE fields use. */
export type DayKey = string;

const pad = (n: number) => String(n).padStart(2, '0');

export function dayKey(date: Date): DayKey {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface Month {
  year: number;
  /** 0–11, as `Date` counts. */
  month: number;
}

export function monthOf(date: Date): Month {
  return { year: date.getFullYear(), month: date.getMonth() };
}

export function addMonths({ year, month }: Month, delta: number): Month {
  const date = new Date(year, month + delta, 1);
  return monthOf(date);
}

/** `YYYY-MM`, for the address bar. */
export function monthKey({ year, month }: Month): string {
  return `${year}-${pad(month + 1)}`;
}

export function parseMonth(text: unknown): Month | null {
  const match = typeof text === 'string' ? /^(\d{4})-(\d{2})$/.exec(text) : null;
  if (!match) return null;
  const month = Number(match[2]) - 1;
  return month >= 0 && month < 12 ? { year: Number(match[1]), month } : null;
}

/** The 42 days shown for a month: from the first day of the week on or before the 1st. */
export function monthGrid({ year, month }: Month, firstDay = 1): Date[] {
  const first = new Date(year, month, 1);
  // getDay() counts Sunday as 0; the week's first day counts it as 7.
  const back = (first.getDay() - (firstDay % 7) + 7) % 7;
  return Array.from({ length: 42 }, (_, i) => new Date(year, month, 1 - back + i));
}

/**
 * The filter bounds of the days shown: DATE fields compare as `YYYY-MM-DD`, DATETIME
 * fields as instants (the local midnights, in UTC).
 */
export function gridRange(
  month: Month,
  type: 'DATE' | 'DATETIME',
  firstDay = 1,
): { gte: string; lt: string } {
  const days = monthGrid(month, firstDay);
  const start = days[0]!;
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + days.length);
  return type === 'DATE'
    ? { gte: dayKey(start), lt: dayKey(end) }
    : { gte: start.toISOString(), lt: end.toISOString() };
}

/** The local day a DATE or DATETIME value falls on. */
export function dayOfValue(value: unknown, type: 'DATE' | 'DATETIME'): DayKey | null {
  if (typeof value !== 'string' || !value) return null;
  if (type === 'DATE') return value.slice(0, 10);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : dayKey(date);
}

/** `14:30` for a DATETIME value, in the browser's time zone. */
export function timeOfValue(value: unknown): string {
  if (typeof value !== 'string') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
