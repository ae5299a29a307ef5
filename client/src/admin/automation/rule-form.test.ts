import { describe, expect, it } from 'vitest';
import { fieldOf, objectOf } from '../../records/testing-metadata';
import { errorPlace } from './error-place';
import type { AutomationRule, RuleAction, RuleTrigger } from './operations';
import { amountOf, emptyRuleDraft, moved, ruleDraftOf, ruleInputOf } from './rule-form';

const stage = fieldOf('stage', 'STAGE', {
  pipelines: [
    {
      key: 'sales',
      label: 'Sales',
      stages: [
        { key: 'new', label: 'New', color: '#000', kind: 'OPEN' },
        { key: 'won', label: 'Won', color: '#000', kind: 'WON' },
      ],
    },
  ],
});
const company = objectOf('company', 'companies', [
  fieldOf('name', 'TEXT'),
  fieldOf('employees', 'NUMBER'),
  fieldOf('renewsOn', 'DATE'),
  fieldOf('owner', 'USER'),
  fieldOf('parent', 'RELATION', {
    relation: { kind: 'MANY_TO_ONE', targetObjectKey: 'company', inverseFieldKey: null },
  }),
  stage,
]);
const task = objectOf('task', 'tasks', [fieldOf('name', 'TEXT'), fieldOf('dueAt', 'DATETIME')]);
const objects = [company, task];

function ruleOf(partial: Partial<AutomationRule>): AutomationRule {
  return {
    id: 'r1',
    key: null,
    name: 'Follow up',
    description: '',
    objectKey: 'company',
    enabled: true,
    version: 1,
    trigger: { kind: 'RECORD_CREATED' },
    condition: null,
    actions: [],
    disabledReason: null,
    createdAt: '',
    updatedAt: '',
    ...partial,
  };
}

const roundTrip = (rule: AutomationRule) => ruleInputOf(ruleDraftOf(rule, objects), objects);

describe('rule ⇄ form', () => {
  it('keeps every action type through the form', () => {
    const actions: RuleAction[] = [
      {
        type: 'CREATE_RECORD',
        object: 'task',
        values: {
          name: { template: 'Call {{ record.name }}' },
          dueAt: { relativeDate: { days: 2 } },
          owner: { fromField: 'owner' },
          done: { value: false },
        },
      },
      { type: 'UPDATE_RECORD', via: 'parent', values: { employees: { value: 10 } } },
      { type: 'ASSIGN', field: 'owner', mode: 'ROUND_ROBIN', userIds: ['u1', 'u2'] },
      { type: 'ASSIGN', field: 'owner', mode: 'OWNER' },
      { type: 'MOVE_STAGE', stage: 'won' },
      { type: 'ADD_COMMENT', body: 'Hello {{ record.name }}' },
      { type: 'NOTIFY', recipients: { userIds: ['u1'], fields: ['owner'] }, message: 'New one' },
      { type: 'SEND_EMAIL', to: { field: 'email' }, subject: 'Hi', body: 'Body' },
      { type: 'SEND_EMAIL', to: { address: 'a@b.c' }, subject: 'Hi', body: 'Body' },
      { type: 'CALL_WEBHOOK', url: 'https://example.com/hook' },
      { type: 'WAIT', minutes: 90 },
      { type: 'WAIT', minutes: 2880 },
      {
        type: 'BRANCH',
        condition: { employees: { gt: 50 } },
        then: [{ type: 'ADD_COMMENT', body: 'Big' }],
        else: [{ type: 'WAIT', minutes: 60 }],
      },
    ];
    const rule = ruleOf({ actions, condition: { name: { contains: 'Acme' } } });
    const input = roundTrip(rule);
    expect(input.actions).toEqual(actions);
    expect(input.condition).toEqual({ name: { contains: 'Acme' } });
    expect(input).toMatchObject({ name: 'Follow up', objectKey: 'company', enabled: true });
  });

  it('keeps each trigger kind through the form', () => {
    const triggers: RuleTrigger[] = [
      { kind: 'RECORD_CREATED' },
      { kind: 'RECORD_UPDATED' },
      { kind: 'RECORD_UPDATED', fields: ['name', 'employees'] },
      { kind: 'RECORD_UPDATED', fields: ['employees'], toValue: 12 },
      { kind: 'STAGE_ENTERED', stageField: 'stage', stage: 'won' },
      { kind: 'STAGE_LEFT', stageField: 'stage' },
      { kind: 'DATE_RELATIVE', dateField: 'renewsOn', offsetMinutes: -4320, timeOfDay: '08:30' },
      { kind: 'DATE_RELATIVE', dateField: 'renewsOn', offsetMinutes: 0, yearly: true, timeOfDay: '09:00' },
      { kind: 'SCHEDULE', cron: '0 9 * * 1' },
      { kind: 'SCHEDULE', cron: '*/15 * * * *', timeZone: 'Europe/Oslo' },
      { kind: 'MANUAL' },
    ];
    for (const trigger of triggers)
      expect(roundTrip(ruleOf({ trigger: { ...trigger } })).trigger).toEqual(trigger);
  });

  it('fills the stage field when a stage trigger leaves it out', () => {
    const draft = ruleDraftOf(ruleOf({ trigger: { kind: 'STAGE_ENTERED', stage: 'won' } }), objects);
    expect(draft.trigger.stageField).toBe('stage');
  });

  it('reads "changes to" as the field’s filter reads its value', () => {
    const draft = emptyRuleDraft('company');
    draft.name = '  Big one ';
    draft.trigger.kind = 'RECORD_UPDATED';
    draft.trigger.fields = ['employees'];
    draft.trigger.toValue = '500';
    const input = ruleInputOf(draft, objects);
    expect(input.trigger).toEqual({ kind: 'RECORD_UPDATED', fields: ['employees'], toValue: 500 });
    expect(input.name).toBe('Big one');
    expect(input.condition).toBeNull();
  });

  it('writes units as minutes, and minutes as the largest unit', () => {
    expect(amountOf(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(amountOf(120)).toEqual({ amount: 2, unit: 'hours' });
    expect(amountOf(-2880)).toEqual({ amount: -2, unit: 'days' });
    expect(amountOf(0)).toEqual({ amount: 0, unit: 'minutes' });
  });

  it('reorders actions one place at a time', () => {
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});

describe('errorPlace', () => {
  const draft = ruleDraftOf(
    ruleOf({
      actions: [
        { type: 'ADD_COMMENT', body: 'x' },
        { type: 'CREATE_RECORD', object: 'task', values: { dueAt: { relativeDate: { days: 1 } } } },
        { type: 'BRANCH', condition: {}, then: [{ type: 'NOTIFY', recipients: {}, message: '' }] },
      ],
    }),
    objects,
  );

  it('puts a message beside the value it names', () => {
    expect(errorPlace(['input', 'actions', '1', 'values', 'dueAt'], draft)).toBe('actions.1.values.dueAt');
    expect(errorPlace(['input', 'actions[1].values.dueAt.relativeDate'], draft)).toBe(
      'actions.1.values.dueAt',
    );
  });

  it('falls back to the deepest part the form shows', () => {
    expect(errorPlace(['input', 'actions', '1', 'values', 'price'], draft)).toBe('actions.1.values');
    expect(errorPlace(['input', 'actions', '2', 'then', '0', 'recipients', 'userIds'], draft)).toBe(
      'actions.2.then.0.recipients',
    );
    expect(errorPlace(['input', 'trigger', 'cron'], draft)).toBe('trigger.cron');
    expect(errorPlace(['input', 'condition', 'name', 'eq'], draft)).toBe('condition');
  });

  it('leaves paths the form has no place for to the form', () => {
    expect(errorPlace(undefined, draft)).toBeNull();
    expect(errorPlace(['id'], draft)).toBeNull();
  });
});
