import { describe, expect, it } from 'vitest';
import type { FieldDef, FieldType, ObjectDef } from '../../metadata/index.js';
import type { RuleTrigger } from '../model.js';
import { checkTimeTrigger } from './check.js';

const field = (key: string, type: FieldType) => ({ key, type, archivedAt: null }) as FieldDef;
const contact = {
  key: 'contact',
  fields: [field('birthday', 'DATE'), field('meetingAt', 'DATETIME'), field('name', 'TEXT')],
} as ObjectDef;
const path = ['input', 'trigger'];

function refusal(trigger: RuleTrigger): unknown {
  try {
    checkTimeTrigger(trigger, contact, path);
  } catch (error) {
    return (error as { extensions: { argumentPath: unknown } }).extensions.argumentPath;
  }
  return null;
}

describe('checkTimeTrigger', () => {
  it('accepts date and schedule triggers that make sense', () => {
    expect(
      refusal({ kind: 'DATE_RELATIVE', dateField: 'birthday', yearly: true, timeOfDay: '08:00' }),
    ).toBeNull();
    expect(refusal({ kind: 'DATE_RELATIVE', dateField: 'meetingAt', offsetMinutes: -15 })).toBeNull();
    expect(refusal({ kind: 'SCHEDULE', cron: '0 9 * * 1', timeZone: 'Europe/Paris' })).toBeNull();
    expect(refusal({ kind: 'RECORD_CREATED', dateField: 'name' })).toBeNull();
  });

  it('names the bad part', () => {
    expect(refusal({ kind: 'DATE_RELATIVE', dateField: 'name' })).toEqual([...path, 'dateField']);
    expect(refusal({ kind: 'DATE_RELATIVE', dateField: 'nope' })).toEqual([...path, 'dateField']);
    expect(refusal({ kind: 'DATE_RELATIVE', dateField: 'birthday', offsetMinutes: 1.5 })).toEqual([
      ...path,
      'offsetMinutes',
    ]);
    expect(refusal({ kind: 'DATE_RELATIVE', dateField: 'birthday', timeOfDay: '25:00' })).toEqual([
      ...path,
      'timeOfDay',
    ]);
    expect(refusal({ kind: 'SCHEDULE', cron: 'every day' })).toEqual([...path, 'cron']);
    expect(refusal({ kind: 'SCHEDULE', cron: '* * * * *', timeZone: 'Mars/Olympus' })).toEqual([
      ...path,
      'timeZone',
    ]);
  });
});
