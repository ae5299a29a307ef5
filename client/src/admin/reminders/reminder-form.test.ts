import { describe, expect, it } from 'vitest';
import { switchLanguage } from '../../i18n';
import type { AdminField, AdminObject, ReminderRule } from '../operations';
import {
  leadOf,
  reminderDraftOf,
  reminderErrorPlace,
  reminderInputOf,
  reminderInputOfRule,
  reminderInWords,
} from './reminder-form';

const field = (key: string, label: string, type: string, choices?: [string, string][]): AdminField =>
  ({
    key,
    label,
    type,
    settings: {
      choices: choices?.map(([k, l]) => ({ key: k, label: l, color: '#000', position: 0 })) ?? null,
    },
  }) as unknown as AdminField;

const task = {
  key: 'task',
  fields: [
    field('dueAt', 'Due', 'DATETIME'),
    field('assignee', 'Assignee', 'USER'),
    field('owner', 'Owner', 'USER'),
    field('status', 'Status', 'SELECT', [
      ['open', 'Open'],
      ['done', 'Done'],
      ['cancelled', 'Cancelled'],
    ]),
  ],
} as unknown as AdminObject;

const rule = (patch: Partial<ReminderRule>): ReminderRule => ({
  id: '1',
  object: 'task',
  field: 'dueAt',
  minutesBefore: 60,
  timeOfDay: null,
  recipients: ['assignee'],
  doneField: null,
  doneValues: [],
  ...patch,
});

describe('reminderInWords', () => {
  it('says the lead, the recipients and when it stops', () => {
    expect(reminderInWords(rule({ doneField: 'status', doneValues: ['done', 'cancelled'] }), task)).toBe(
      '1 hour before, to Assignee, until Status is Done or Cancelled',
    );
    expect(reminderInWords(rule({ minutesBefore: 30, recipients: ['assignee', 'owner'] }), task)).toBe(
      '30 minutes before, to Assignee and Owner',
    );
    expect(reminderInWords(rule({ minutesBefore: 2880, timeOfDay: '09:30' }), task)).toBe(
      '2 days before (at 09:30), to Assignee',
    );
    expect(reminderInWords(rule({ minutesBefore: 0 }), task)).toBe('At the time, to Assignee');
  });

  it('speaks the current language, lists joined as it joins them', async () => {
    await switchLanguage('de');
    try {
      expect(
        reminderInWords(
          rule({
            minutesBefore: 2880,
            recipients: ['assignee', 'owner'],
            doneField: 'status',
            doneValues: ['done', 'cancelled'],
          }),
          task,
        ),
      ).toBe('2 Tage vorher, an Assignee und Owner, bis Status Done oder Cancelled ist');
    } finally {
      await switchLanguage('en');
    }
  });
});

describe('reminder drafts', () => {
  it('shows a lead in the largest unit that divides it', () => {
    expect(leadOf(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(leadOf(120)).toEqual({ amount: 2, unit: 'hours' });
    expect(leadOf(1440)).toEqual({ amount: 1, unit: 'days' });
    expect(leadOf(0)).toEqual({ amount: 0, unit: 'minutes' });
  });

  it('round-trips a rule through the form', () => {
    const saved = rule({
      minutesBefore: 1440,
      timeOfDay: '08:00',
      doneField: 'status',
      doneValues: ['done'],
    });
    const draft = reminderDraftOf(saved);
    expect(draft).toMatchObject({ amount: '1', unit: 'days', timeOfDay: '08:00', doneField: 'status' });
    expect(reminderInputOf(draft, 'DATE')).toEqual(reminderInputOfRule(saved));
  });

  it("sends a DATETIME's time of day only when set, no done values without a done field, -1 for a non-number", () => {
    const draft = {
      ...reminderDraftOf(rule({})),
      amount: '30',
      unit: 'minutes' as const,
      doneValues: ['done'],
    };
    expect(reminderInputOf(draft, 'DATETIME')).toEqual({
      minutesBefore: 30,
      timeOfDay: null,
      recipients: ['assignee'],
      doneField: null,
      doneValues: null,
    });
    expect(reminderInputOf({ ...draft, amount: 'soon' }, 'DATETIME').minutesBefore).toBe(-1);
    // A time of day on a DATETIME is that time on the moment's day.
    expect(reminderInputOf({ ...draft, timeOfDay: '09:00' }, 'DATETIME').timeOfDay).toBe('09:00');
    // What a number input's v-model leaves in the draft once typed in.
    expect(
      reminderInputOf({ ...draft, amount: 2 as unknown as string, unit: 'hours' }, 'DATETIME').minutesBefore,
    ).toBe(120);
  });
});

describe('reminderErrorPlace', () => {
  it('finds the rule and input an argumentPath names', () => {
    expect(reminderErrorPlace(['rules', '2', 'recipients', '0'])).toEqual({ rule: 2, input: 'recipients' });
    expect(reminderErrorPlace(['rules', '0', 'minutesBefore'])).toEqual({ rule: 0, input: 'minutesBefore' });
    expect(reminderErrorPlace(['rules'])).toBeNull();
    expect(reminderErrorPlace(['field'])).toBeNull();
    expect(reminderErrorPlace(undefined)).toBeNull();
  });
});
