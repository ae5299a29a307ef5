import { describe, expect, it } from 'vitest';
import { fieldOf, objectOf } from '../records/testing-metadata';
import { myAppointments, myOpenDeals, myTasks } from './my-day';

const choices = (...keys: string[]) =>
  keys.map((key, position) => ({ key, label: key, color: '', position }));
const task = objectOf('task', 'tasks', [
  fieldOf('name', 'TEXT'),
  fieldOf('status', 'SELECT', { choices: choices('open', 'done', 'cancelled') }),
  fieldOf('dueAt', 'DATETIME'),
  fieldOf('assignee', 'USER'),
]);
const viewing = objectOf('viewing', 'viewings', [
  fieldOf('name', 'TEXT'),
  fieldOf('agent', 'USER'),
  fieldOf('startsAt', 'DATETIME'),
]);
const owner = { ...fieldOf('owner', 'USER'), system: true };
const stage = fieldOf('stage', 'STAGE', {
  pipelines: [
    {
      key: 'sales',
      label: 'Sales',
      stages: [
        { key: 'lead', label: 'Lead', color: '', kind: 'OPEN' },
        { key: 'won', label: 'Won', color: '', kind: 'WON' },
        { key: 'lost', label: 'Lost', color: '', kind: 'LOST' },
      ],
    },
  ],
});
const deal = objectOf('deal', 'deals', [fieldOf('name', 'TEXT'), stage, owner]);
const objects = [task, viewing, deal];

describe('My day’s queries', () => {
  it('asks for my open tasks due today or overdue, earliest first', () => {
    expect(myTasks(objects)).toMatchObject({
      filter: {
        and: [
          { assignee: { isMe: true } },
          { or: [{ dueAt: { within: { period: 'OVERDUE' } } }, { dueAt: { within: { period: 'TODAY' } } }] },
          { status: { notIn: ['done', 'cancelled'] } },
        ],
      },
      sort: [{ field: 'dueAt', direction: 'ASC' }],
    });
  });

  it('asks each calendar object once for my appointments of the coming days', () => {
    const lists = myAppointments(objects, [
      { object: 'viewing', calendarField: 'startsAt' },
      { object: 'viewing', calendarField: 'startsAt' },
      { object: 'task', calendarField: 'dueAt' },
      { object: 'gone', calendarField: 'when' },
    ]);
    expect(lists.map((l) => [l.object.key, l.filter])).toEqual([
      ['viewing', { and: [{ agent: { isMe: true } }, { startsAt: { within: { nextDays: 7 } } }] }],
    ]);
  });

  it('asks for the deals I own in an open stage, grouped by the open stages', () => {
    expect(myOpenDeals(objects)).toMatchObject({
      filter: { and: [{ owner: { isMe: true } }, { stage: { notIn: ['won', 'lost'] } }] },
      stages: [{ key: 'lead' }],
    });
  });
});
