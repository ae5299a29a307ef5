import { describe, expect, it } from 'vitest';
import { BadInput } from '../../platform/index.js';
import { convertValue, valueToSql } from '../field-types.js';
import type { FieldDef, FieldType } from '../model.js';
import { formatDuration, parseDuration } from './duration.js';

function field(type: FieldType): FieldDef {
  return {
    id: 'f',
    objectId: 'o',
    key: 'spent',
    label: 'Spent',
    type,
    required: false,
    unique: false,
    defaultValue: null,
    helpText: null,
    filterable: true,
    sortable: true,
    options: {},
    column: 'f_spent',
    standard: false,
    system: false,
    readOnly: false,
    position: 0,
    archivedAt: null,
  };
}

function refusal(value: unknown): BadInput {
  try {
    valueToSql(field('DURATION'), value, ['input', 'spent']);
  } catch (error) {
    return error as BadInput;
  }
  throw new Error(`${JSON.stringify(value)} was accepted`);
}

describe('DURATION', () => {
  it('stores whole seconds and reads text as a duration', () => {
    const spent = field('DURATION');
    expect(valueToSql(spent, 5400, ['spent'])).toEqual([5400]);
    expect(valueToSql(spent, 0, ['spent'])).toEqual([0]);
    expect(valueToSql(spent, '1h 30m', ['spent'])).toEqual([5400]);
    expect(valueToSql(spent, '2d 1s', ['spent'])).toEqual([172_801]);
    expect(valueToSql(spent, '1:30', ['spent'])).toEqual([5400]);
    expect(valueToSql(spent, '0:01:05', ['spent'])).toEqual([65]);
    expect(valueToSql(spent, 'PT1H2M3S', ['spent'])).toEqual([3723]);
    expect(valueToSql(spent, '90', ['spent'])).toEqual([90]);
    expect(valueToSql(spent, null, ['spent'])).toEqual([null]);
    expect(valueToSql(spent, '', ['spent'])).toEqual([null]);
  });

  it('refuses negative, fractional, oversized and unreadable values at their path', () => {
    for (const bad of [-1, 1.5, 2 ** 31, 'soon', '1x', true, { seconds: 3 }, 'P', 'PT']) {
      const error = refusal(bad);
      expect(error).toBeInstanceOf(BadInput);
      expect(error.extensions.argumentPath).toEqual(['input', 'spent']);
    }
    expect(refusal('soon').message).toMatch(/must be a duration/);
  });

  it('parses and formats the same durations', () => {
    expect(parseDuration('1h 30m')).toBe(5400);
    expect(parseDuration(' 45 m ')).toBe(2700);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('x'.repeat(200))).toBeNull();
    expect(formatDuration(5400)).toBe('1h 30m');
    expect(formatDuration(3661)).toBe('1h 1m 1s');
    expect(formatDuration(0)).toBe('0s');
  });

  it('converts numbers and text on a type change, and back to readable text', () => {
    expect(convertValue(90.4, field('NUMBER'), field('DURATION'))).toBe(90);
    expect(convertValue('2h', field('TEXT'), field('DURATION'))).toBe('2h');
    expect(convertValue(5400, field('DURATION'), field('TEXT'))).toBe('1h 30m');
    expect(convertValue(5400, field('DURATION'), field('NUMBER'))).toBe(5400);
  });
});
