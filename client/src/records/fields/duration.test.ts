import { describe, expect, it } from 'vitest';
import { recordsCsv } from '../export-csv';
import { buildFilter, operatorsFor } from '../filters';
import { compareBySort, matchesFilter } from '../live/local-view';
import { fieldOf, objectOf } from '../testing-metadata';
import { formatDuration, parseDuration } from './duration';
import { formatValue } from './registry';

const spent = fieldOf('spent', 'DURATION');
const task = objectOf('task', 'tasks', [spent]);

describe('DURATION', () => {
  it('formats seconds as hours, minutes and seconds', () => {
    expect(formatValue(spent, 5400)).toBe('1h 30m');
    expect(formatValue(spent, 45)).toBe('45s');
    expect(formatValue(spent, 3661)).toBe('1h 1m 1s');
    expect(formatValue(spent, 0)).toBe('0s');
    expect(formatValue(spent, null)).toBe('');
    expect(formatDuration(90_000)).toBe('25h');
    expect(recordsCsv([spent], [{ id: '1', version: 1, spent: 5400 }])).toContain('1h 30m');
  });

  it('reads what people type as seconds', () => {
    expect(parseDuration('1h 30m')).toBe(5400);
    expect(parseDuration('90m')).toBe(5400);
    expect(parseDuration('1:30')).toBe(5400);
    expect(parseDuration('0:00:45')).toBe(45);
    expect(parseDuration('120')).toBe(120);
    expect(parseDuration('soon')).toBeNull();
  });

  it('filters with the server’s range operators and compares as numbers', () => {
    expect(operatorsFor(spent)).toEqual(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'isEmpty', 'isNotEmpty']);
    expect(buildFilter(task, [{ field: 'spent', op: 'gte', value: '1h' }], [task])).toEqual({
      spent: { gte: 3600 },
    });
    expect(matchesFilter(task, { spent: { gte: 3600 } }, () => 5400)).toBe(true);
    expect(matchesFilter(task, { spent: { gte: 3600 } }, () => 90)).toBe(false);
    // 90 s sorts before 3600 s, though "90" > "3600" as text.
    const order = compareBySort(
      task,
      [{ field: 'spent', direction: 'ASC' }],
      { id: 'a', version: 1, spent: 90 },
      {
        id: 'b',
        version: 1,
        spent: 3600,
      },
    );
    expect(order).toBeLessThan(0);
  });
});
