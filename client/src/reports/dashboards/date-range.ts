/**
 * The dashboard's date range as the server takes it: an operand of a date filter applied to
 * every widget's date field. Today and this week stay relative (`within`); months, quarters
 * and years are stored as the dates they cover when chosen.
 */
import { i18n } from '../../i18n';

export type DateRange = Record<string, unknown> | null;

export const datePresets = [
  { key: 'ANY' },
  { key: 'TODAY' },
  { key: 'THIS_WEEK' },
  { key: 'THIS_MONTH' },
  { key: 'LAST_MONTH' },
  { key: 'THIS_QUARTER' },
  { key: 'THIS_YEAR' },
  { key: 'LAST_12_MONTHS' },
  { key: 'CUSTOM' },
] as const;
export type DatePreset = (typeof datePresets)[number]['key'];

/** A preset's name in the language shown now ("This quarter"). */
export const presetLabel = (preset: DatePreset): string =>
  i18n.global.t(`reportsDashboards.presets.${preset}`);

const day = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** The range of a preset on the reader's `today` (a local calendar date, YYYY-MM-DD). */
export function rangeOf(preset: DatePreset, today: string, custom?: { from: string; to: string }): DateRange {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const month = m - 1;
  switch (preset) {
    case 'ANY':
      return null;
    case 'TODAY':
    case 'THIS_WEEK':
      return { within: { period: preset } };
    case 'THIS_MONTH':
      return { gte: day(y, month), lt: day(y, month + 1) };
    case 'LAST_MONTH':
      return { gte: day(y, month - 1), lt: day(y, month) };
    case 'THIS_QUARTER': {
      const first = month - (month % 3);
      return { gte: day(y, first), lt: day(y, first + 3) };
    }
    case 'THIS_YEAR':
      return { gte: day(y, 0), lt: day(y + 1, 0) };
    case 'LAST_12_MONTHS':
      return { gte: day(y, month - 11), lt: day(y, month + 1) };
    case 'CUSTOM': {
      if (!custom?.from && !custom?.to) return null;
      // "To" is inclusive for the reader: the range ends before the next day.
      const [ty, tm, td] = (custom.to || '').split('-').map(Number);
      return {
        ...(custom.from ? { gte: custom.from } : {}),
        ...(custom.to ? { lt: day(ty!, tm! - 1, td! + 1) } : {}),
      };
    }
  }
}

/** The preset a stored range reads as (today's months compared), or CUSTOM with its dates. */
export function presetOf(range: DateRange, today: string): { preset: DatePreset; from: string; to: string } {
  if (!range) return { preset: 'ANY', from: '', to: '' };
  for (const { key } of datePresets) {
    if (key !== 'ANY' && key !== 'CUSTOM' && JSON.stringify(rangeOf(key, today)) === JSON.stringify(range))
      return { preset: key, from: '', to: '' };
  }
  const from = typeof range.gte === 'string' ? range.gte : '';
  const lt = typeof range.lt === 'string' ? range.lt : '';
  const to = lt ? new Date(Date.parse(`${lt}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : '';
  return { preset: 'CUSTOM', from, to };
}

/** The reader's local calendar date. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
