import { GraphQLInt } from 'graphql';
import { fail, type Path } from '../field-values.js';
import { numberFilter } from './number.js';
import { firstValue, rangeOperators, singleColumn, type FieldTypeSpec } from './spec.js';

/** The largest value of a PostgreSQL integer: 68 years of seconds. */
export const maxDurationSeconds = 2_147_483_647;

const unitSeconds: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
const unitsPattern = /^(?:(\d+(?:\.\d+)?)\s*([dhms])\s*)+$/i;
const clockPattern = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/;
const isoPattern = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/** Seconds from text: "5400", "1h 30m", "2d", "1:30" (h:mm), "1:30:15", "PT1H30M"; null when unreadable. */
export function parseDuration(text: string): number | null {
  const value = text.trim();
  if (value.length > 100) return null;
  if (/^\d+$/.test(value)) return Number(value);
  if (unitsPattern.test(value)) {
    let seconds = 0;
    for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)\s*([dhms])/gi)) {
      seconds += Number(amount) * unitSeconds[unit!.toLowerCase()]!;
    }
    return Math.round(seconds);
  }
  const clock = clockPattern.exec(value);
  if (clock) return Number(clock[1]) * 3_600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0);
  const iso = isoPattern.exec(value);
  if (iso && value.length > 1 && !/T$/i.test(value)) {
    const [, d, h, m, s] = iso.map((part) => Number(part ?? 0));
    return d! * 86_400 + h! * 3_600 + m! * 60 + s!;
  }
  return null;
}

/** "1h 30m", "45s", "0s": the largest units first, zero parts left out. */
export function formatDuration(seconds: number): string {
  const parts = [
    [Math.floor(seconds / 3_600), 'h'],
    [Math.floor((seconds % 3_600) / 60), 'm'],
    [seconds % 60, 's'],
  ] as const;
  return (
    parts
      .filter(([n]) => n > 0)
      .map(([n, unit]) => `${n}${unit}`)
      .join(' ') || '0s'
  );
}

function expectDuration(value: unknown, path: Path): number {
  const seconds = typeof value === 'string' ? parseDuration(value) : value;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
    fail(path, 'must be a duration: whole seconds, or text such as 1h 30m or 1:30:00', 'value.duration');
  }
  if (seconds > maxDurationSeconds)
    fail(path, `must be at most ${maxDurationSeconds} seconds`, 'value.durationMax', {
      max: maxDurationSeconds,
    });
  return seconds;
}

/** A length of time in whole seconds (a call, a task's estimate, time spent). */
export const duration: FieldTypeSpec = {
  columns: singleColumn('integer'),
  toSql: (value, _field, path) => [expectDuration(value, path)],
  fromSql: firstValue,
  operators: rangeOperators,
  searchable: false,
  indexable: true,
  sortable: true,
  // A number is taken as seconds; text is read by toSql ("1h 30m").
  convert: (value, text) => (typeof value === 'number' ? Math.round(value) : text),
  toText: (value) => formatDuration(value as number),
  graphql: () => ({ output: GraphQLInt, input: GraphQLInt, filter: numberFilter }),
};
