import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../../i18n';
import { fieldOf, objectOf } from '../../records/testing-metadata';
import { actionSummary, cronHint, triggerSummary } from './rule-summary';

const deal = objectOf('deal', 'deals', [
  fieldOf('name', 'TEXT'),
  fieldOf('closeOn', 'DATE'),
  fieldOf('birthday', 'DATE'),
  fieldOf('owner', 'USER'),
  fieldOf('stage', 'STAGE', {
    pipelines: [
      {
        key: 'sales',
        label: 'Sales',
        stages: [{ key: 'uc', label: 'Under contract', color: '#000', kind: 'OPEN' }],
      },
    ],
  }),
]);
const task = objectOf('task', 'tasks', [fieldOf('name', 'TEXT')]);
const objects = [deal, task];

describe('triggerSummary', () => {
  it('says when the rule runs', () => {
    expect(triggerSummary({ kind: 'RECORD_CREATED' }, deal)).toBe('When a deal is created');
    expect(triggerSummary({ kind: 'RECORD_UPDATED', fields: ['name', 'owner'] }, deal)).toBe(
      'When Name or Owner changes',
    );
    expect(triggerSummary({ kind: 'RECORD_UPDATED', fields: ['stage'], toValue: 'uc' }, deal)).toBe(
      'When Stage changes to Under contract',
    );
    expect(triggerSummary({ kind: 'STAGE_ENTERED', stage: 'uc' }, deal)).toBe(
      'When a deal enters Under contract',
    );
    expect(triggerSummary({ kind: 'STAGE_LEFT' }, deal)).toBe('When a deal leaves any stage');
    expect(
      triggerSummary(
        { kind: 'DATE_RELATIVE', dateField: 'closeOn', offsetMinutes: -2880, timeOfDay: '09:00' },
        deal,
      ),
    ).toBe('2 days before CloseOn at 09:00');
    expect(
      triggerSummary(
        { kind: 'DATE_RELATIVE', dateField: 'birthday', yearly: true, timeOfDay: '08:00' },
        deal,
      ),
    ).toBe('Every year on Birthday at 08:00');
    expect(triggerSummary({ kind: 'SCHEDULE', cron: '0 9 * * 1' }, deal)).toBe(
      'On a schedule: every Monday at 09:00',
    );
    expect(triggerSummary({ kind: 'MANUAL' }, null)).toBe('Manually, from the record page');
  });
});

describe('cronHint', () => {
  it('reads the common shapes', () => {
    expect(cronHint('0 9 * * *')).toBe('every day at 09:00');
    expect(cronHint('30 8 * * 1-5')).toBe('on weekdays at 08:30');
    expect(cronHint('*/15 * * * *')).toBe('every 15 minutes');
    expect(cronHint('5 * * * *')).toBe('every hour at minute 5');
    expect(cronHint('0 7 1 * *')).toBe('on day 1 of every month at 07:00');
    expect(cronHint('0 7 24 12 *')).toBe('every year on 24 December at 07:00');
    expect(cronHint('0 9-17 * * *')).toBe('cron “0 9-17 * * *”');
    expect(cronHint('every day')).toBe('five fields: minute hour day month weekday');
  });
});

describe('actionSummary', () => {
  it('says what each action does', () => {
    const say = (action: Parameters<typeof actionSummary>[0]) => actionSummary(action, deal, objects);
    expect(say({ type: 'CREATE_RECORD', object: 'task', values: {} })).toBe('Create a task');
    expect(say({ type: 'UPDATE_RECORD', values: { name: { value: 'x' } } })).toBe('Update Name');
    expect(say({ type: 'ASSIGN', field: 'owner', mode: 'ROUND_ROBIN', userIds: ['a', 'b', 'c'] })).toBe(
      'Assign Owner round-robin among 3 members',
    );
    expect(say({ type: 'MOVE_STAGE', stage: 'uc' })).toBe('Move to Under contract');
    expect(say({ type: 'NOTIFY', recipients: { userIds: ['a'], fields: ['owner'] }, message: '' })).toBe(
      'Notify 1 member and Owner',
    );
    expect(say({ type: 'WAIT', minutes: 60 })).toBe('Wait 1 hour');
    expect(say({ type: 'BRANCH', condition: {}, then: [{ type: 'WAIT', minutes: 1 }], else: [] })).toBe(
      'If the condition holds: 1 action',
    );
  });
});

describe('in another language', () => {
  // Files share a worker: leave it in English for the next one.
  afterEach(() => switchLanguage('en'));

  it('words the rule in German, with German weekdays, dates and plurals', async () => {
    await switchLanguage('de');
    expect(triggerSummary({ kind: 'RECORD_CREATED' }, deal)).toBe('Wenn ein Datensatz „deal“ angelegt wird');
    expect(cronHint('0 9 * * 1')).toBe('jeden Montag um 09:00');
    expect(cronHint('0 7 24 12 *')).toBe('jedes Jahr am 24. Dezember um 07:00');
    expect(actionSummary({ type: 'WAIT', minutes: 2880 }, deal, objects)).toBe('2 Tage warten');
  });

  it('words the rule in Chinese', async () => {
    await switchLanguage('zh');
    expect(triggerSummary({ kind: 'STAGE_ENTERED', stage: 'uc' }, deal)).toBe('deal进入Under contract时');
    expect(cronHint('30 8 * * 1-5')).toBe('工作日 08:30');
  });
});
