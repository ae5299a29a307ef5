import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../metadata';
import { buildFilter, conditionsFromFilter, matchOfFilter, sortFromView, type Condition } from './filters';
import { fieldOf, objectOf } from './testing-metadata';

function field(key: string, type: FieldDef['type'], relation?: string): FieldDef {
  return fieldOf(key, type, {
    relation: relation ? { kind: 'MANY_TO_ONE', targetObjectKey: relation, inverseFieldKey: null } : null,
  });
}

const object = (key: string, fields: FieldDef[]) => objectOf(key, `${key}s`, fields);

const company = object('company', [field('name', 'TEXT'), field('employees', 'NUMBER')]);
const person = object('person', [
  field('name', 'TEXT'),
  field('tags', 'MULTI_SELECT'),
  field('active', 'BOOLEAN'),
  field('company', 'RELATION', 'company'),
]);
const objects = [company, person];

describe('buildFilter', () => {
  it('is null without complete conditions', () => {
    expect(buildFilter(company, [{ field: 'name', op: 'contains', value: '  ' }], objects)).toBeNull();
  });

  it('maps one condition to a field filter, coercing numbers', () => {
    expect(buildFilter(company, [{ field: 'employees', op: 'gte', value: '10' }], objects)).toEqual({
      employees: { gte: 10 },
    });
  });

  it('joins several conditions with and, lists for in and multi-select contains', () => {
    const conditions: Condition[] = [
      { field: 'tags', op: 'contains', value: ['vip'] },
      { field: 'active', op: 'eq', value: 'true' },
      { field: 'name', op: 'isNotEmpty', value: '' },
    ];
    expect(buildFilter(person, conditions, objects)).toEqual({
      and: [{ tags: { contains: ['vip'] } }, { active: { eq: true } }, { name: { isEmpty: false } }],
    });
  });

  it('keeps the amounts of one currency, the code upper-cased, and reads it back', () => {
    const deal = object('deal', [field('amount', 'CURRENCY')]);
    const filter = buildFilter(deal, [{ field: 'amount', op: 'currency', value: ' eur' }], [deal]);
    expect(filter).toEqual({ amount: { currency: 'EUR' } });
    expect(conditionsFromFilter(filter)).toEqual([{ field: 'amount', op: 'currency', value: 'EUR' }]);
  });

  it('filters a many-to-one relation on the related record’s label', () => {
    expect(buildFilter(person, [{ field: 'company', op: 'labelContains', value: 'Acme' }], objects)).toEqual({
      company: { is: { name: { contains: 'Acme' } } },
    });
  });
});

describe('reading a saved view back', () => {
  it('turns a filter into the builder’s rows and back into the same filter', () => {
    const filter = {
      and: [
        { employees: { gte: 10 } },
        { company: { is: { name: { contains: 'Ac' } } } },
        { name: { isEmpty: true } },
      ],
    };
    const conditions = conditionsFromFilter(filter);
    expect(conditions).toEqual([
      { field: 'employees', op: 'gte', value: '10' },
      { field: 'company', op: 'labelContains', value: 'Ac' },
      { field: 'name', op: 'isEmpty', value: '' },
    ]);
  });

  it('joins conditions with or when any may match, and reads that back', () => {
    const conditions: Condition[] = [
      { field: 'employees', op: 'gte', value: '10' },
      { field: 'name', op: 'startsWith', value: 'Ac' },
    ];
    const filter = buildFilter(company, conditions, objects, 'any');
    expect(filter).toEqual({ or: [{ employees: { gte: 10 } }, { name: { startsWith: 'Ac' } }] });
    expect(conditionsFromFilter(filter)).toEqual(conditions);
    expect(matchOfFilter(filter)).toBe('any');
    expect(matchOfFilter(buildFilter(company, conditions, objects))).toBe('all');
  });

  it('keeps only well-formed sort rules', () => {
    expect(sortFromView([{ field: 'name', direction: 'DESC' }, { nope: 1 }, { field: 'x' }])).toEqual([
      { field: 'name', direction: 'DESC' },
      { field: 'x', direction: 'ASC' },
    ]);
  });
});

describe('relative values', () => {
  const task = object('task', [field('name', 'TEXT'), field('assignee', 'USER'), field('dueAt', 'DATETIME')]);

  it('offers "is me" on member fields and "is within" on dates', async () => {
    const { operatorsFor } = await import('./filters');
    expect(operatorsFor(task.fields[1]!).slice(0, 2)).toEqual(['isMe', 'isNotMe']);
    expect(operatorsFor(task.fields[2]!)[0]).toBe('within');
  });

  it('builds isMe and within filters and reads them back from a saved view', () => {
    const conditions: Condition[] = [
      { field: 'assignee', op: 'isMe', value: '' },
      { field: 'dueAt', op: 'within', value: 'OVERDUE' },
      { field: 'dueAt', op: 'within', value: 'next:14' },
    ];
    const filter = buildFilter(task, conditions, objects);
    expect(filter).toEqual({
      and: [
        { assignee: { isMe: true } },
        { dueAt: { within: { period: 'OVERDUE' } } },
        { dueAt: { within: { nextDays: 14 } } },
      ],
    });
    expect(conditionsFromFilter(filter)).toEqual(conditions);
    expect(buildFilter(task, [{ field: 'assignee', op: 'isNotMe', value: '' }], objects)).toEqual({
      assignee: { isMe: false },
    });
    // A period not chosen yet leaves the condition out.
    expect(buildFilter(task, [{ field: 'dueAt', op: 'within', value: '' }], objects)).toBeNull();
  });
});
