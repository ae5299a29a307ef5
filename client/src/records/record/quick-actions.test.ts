import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDef } from '../../metadata';
import { linkFieldOf, quickActionInput } from './quick-actions';

const field = (key: string, extra: Partial<FieldDef> = {}) =>
  ({ key, type: 'TEXT', settings: { choices: null, relation: null }, ...extra }) as unknown as FieldDef;
const relation = (key: string, target: string, kind: string) =>
  field(key, {
    type: 'RELATION',
    settings: { relation: { kind, targetObjectKey: target, inverseFieldKey: null } },
  } as unknown as Partial<FieldDef>);
const select = (key: string, ...keys: string[]) =>
  field(key, {
    type: 'SELECT',
    settings: { choices: keys.map((k) => ({ key: k })) },
  } as unknown as Partial<FieldDef>);

const task = {
  key: 'task',
  fields: [
    field('name'),
    select('type', 'todo', 'call', 'meeting'),
    select('status', 'open', 'done'),
    field('dueAt'),
    field('remindAt'),
    field('assignee'),
    field('description'),
    relation('deal', 'deal', 'MANY_TO_ONE'),
    relation('participants', 'person', 'MANY_TO_MANY'),
  ],
} as unknown as ObjectDef;
const deal = { key: 'deal' } as ObjectDef;
const person = { key: 'person' } as ObjectDef;
const form = { title: ' Call ', text: 'Notes', dueAt: null, remindAt: null };
const now = new Date('2026-03-01T10:00:00Z');

describe('quick actions', () => {
  it('finds the relation field pointing at the record’s object', () => {
    expect(linkFieldOf(task, deal)?.key).toBe('deal');
    expect(linkFieldOf(task, person)?.key).toBe('participants');
    expect(linkFieldOf(task, { key: 'boat' } as ObjectDef)).toBeNull();
  });

  it('logs a call as a done call task, due now, assigned to me and linked', () => {
    expect(quickActionInput('call', task, linkFieldOf(task, deal)!, 'd1', 'me', form, now)).toEqual({
      name: 'Call',
      deal: 'd1',
      type: 'call',
      status: 'done',
      dueAt: '2026-03-01T10:00:00.000Z',
      assignee: 'me',
      description: 'Notes',
    });
  });

  it('links through a many-to-many field with a list, and adds a task with due date and reminder', () => {
    const input = quickActionInput('task', task, linkFieldOf(task, person)!, 'p1', 'me', {
      ...form,
      dueAt: '2026-03-02T09:00:00.000Z',
      remindAt: '2026-03-02T08:00:00.000Z',
    });
    expect(input).toMatchObject({
      participants: ['p1'],
      type: 'todo',
      status: 'open',
      dueAt: '2026-03-02T09:00:00.000Z',
      remindAt: '2026-03-02T08:00:00.000Z',
    });
  });

  it('leaves out a type the workspace no longer has', () => {
    const plain = { ...task, fields: task.fields.filter((f) => f.key !== 'type') } as ObjectDef;
    expect(
      quickActionInput('meeting', plain, linkFieldOf(plain, deal)!, 'd1', 'me', form, now),
    ).not.toHaveProperty('type');
  });
});
