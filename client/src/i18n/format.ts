import type { Language } from '@crm/contracts';
import { ref } from 'vue';
import { currentLanguage } from './i18n';

/**
 * Every date, time, number and amount on screen goes through these, in the current language's
 * conventions and the user's time zone (the one their reminders use). English is shown in
 * British conventions (24-hour clock, day before month), as before languages existed.
 */
const localeTags: Record<Language, string> = { en: 'en-GB', de: 'de-DE', it: 'it-IT', zh: 'zh-CN' };

/** The user's time zone; set from the session (`me.timeZone`), the browser's until then. */
export const displayTimeZone = ref<string | undefined>(undefined);

export function localeTag(): string {
  return localeTags[currentLanguage.value];
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  kind: string,
  options: object,
  make: (locale: string) => T,
): T {
  const key = `${kind}|${localeTag()}|${JSON.stringify(options)}`;
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = make(localeTag());
    cache.set(key, format);
  }
  return format;
}

function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('dt', options, (locale) => new Intl.DateTimeFormat(locale, options));
}

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** An instant as date and time in the user's zone: "4 Dec 2026, 14:30", "04.12.2026, 14:30". */
export function formatDateTime(
  value: string | number | Date,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  return dateTimeFormat({ ...options, timeZone: displayTimeZone.value }).format(toDate(value));
}

/** An instant's time of day in the user's zone: "14:30". */
export function formatTime(value: string | number | Date): string {
  return formatDateTime(value, { timeStyle: 'short' });
}

/**
 * A calendar date. A DATE value ("2026-12-04") has no zone, so it is shown as written;
 * an instant is shown as the user's day.
 */
export function formatDate(
  value: string | number | Date,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return dateTimeFormat({ ...options, timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  return dateTimeFormat({ ...options, timeZone: displayTimeZone.value }).format(toDate(value));
}

/** "December 2026", "Dezember 2026", "2026年12月". */
export function formatMonth(year: number, month: number): string {
  return dateTimeFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month, 1)),
  );
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  const merged = { maximumFractionDigits: 6, ...options };
  return cached('n', merged, (locale) => new Intl.NumberFormat(locale, merged)).format(value);
}

/** An amount in its currency, symbol and position per language: "€1,250.00", "1.250,00 €". */
export function formatMoney(
  amount: number,
  currency: string,
  options: Intl.NumberFormatOptions = {},
): string {
  const merged: Intl.NumberFormatOptions = { style: 'currency', currency, ...options };
  try {
    return cached('m', merged, (locale) => new Intl.NumberFormat(locale, merged)).format(amount);
  } catch {
    // Not an ISO 4217 code (a template may invent one): the code before the number.
    return `${currency} ${formatNumber(amount, { maximumFractionDigits: 2 })}`;
  }
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 days", "vor 2 Stunden", "刚刚" — `now` is for tests. */
export function formatRelative(value: string | number | Date, now: number = Date.now()): string {
  const diff = toDate(value).getTime() - now;
  const format = cached(
    'r',
    { numeric: 'auto' },
    (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  );
  for (const [unit, size] of relativeUnits)
    if (Math.abs(diff) >= size) return format.format(Math.round(diff / size), unit);
  return format.format(0, 'second');
}

/**
 * A list joined as the language joins it: "A, B and C", "A, B und C", "A、B和C"; alternatives
 * with `'or'`: "A or B", "A oder B".
 */
export function formatList(items: readonly string[], join: 'and' | 'or' = 'and'): string {
  const type = join === 'and' ? 'conjunction' : 'disjunction';
  return new Intl.ListFormat(localeTag(), { style: 'long', type }).format(items);
}

/** The first day of the week, 1 = Monday … 7 = Sunday, from the locale's week data. */
export function weekStart(): number {
  const locale = new Intl.Locale(localeTag()) as Intl.Locale & {
    getWeekInfo?: () => { firstDay: number };
    weekInfo?: { firstDay: number };
  };
  return locale.getWeekInfo?.().firstDay ?? locale.weekInfo?.firstDay ?? 1;
}

/** Weekday names from the week's first day: ["Mo", "Di", …] in German. */
export function weekdayNames(style: 'short' | 'narrow' | 'long' = 'short'): string[] {
  const format = dateTimeFormat({ weekday: style, timeZone: 'UTC' });
  const first = weekStart() % 7; // 2023-01-01 was a Sunday (day 0).
  return Array.from({ length: 7 }, (_, i) =>
    format.format(new Date(Date.UTC(2023, 0, 1 + ((first + i) % 7)))),
  );
}
