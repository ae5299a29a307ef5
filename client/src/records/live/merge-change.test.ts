import { describe, expect, it } from 'vitest';
import type { RecordChangeEvent } from '@crm/contracts';
import { fieldOf, objectOf } from '../testing-metadata';
import {
  canMerge,
  hasMissing,
  isApplied,
  LabelBook,
  mergeChange,
  missingLabels,
  recordFromCreate,
  type MergeContext,
} from './merge-change';

const company = objectOf('company', 'companies', [fieldOf('name', 'TEXT')]);
const person = objectOf('person', 'people', [
  fieldOf('name', 'TEXT'),
  fieldOf('tags', 'MULTI_SELECT'),
  fieldOf('amount', 'CURRENCY'),
  fieldOf('owner', 'USER'),
  { ...fieldOf('updatedAt', 'DATETIME'), system: true },
  { ...fieldOf('updatedBy', 'USER'), system: true },
  fieldOf('company', 'RELATION', {
    relation: { kind: 'MANY_TO_ONE', targetObjectKey: 'company', inverseFieldKey: 'people' },
  }),
  fieldOf('partners', 'RELATION', {
    relation: { kind: 'MANY_TO_MANY', targetObjectKey: 'company', inverseFieldKey: null },
  }),
]);
const objects = [company, person];

function change(values: Record<string, unknown>, extra: Partial<RecordChangeEvent> = {}): RecordChangeEvent {
  return {
    changeId: '7',
    object: 'person',
    recordId: 'p1',
    kind: 'update',
    version: 4,
    actorId: 'u2',
    at: '2026-05-01T10:00:00.000Z',
    changedFields: Object.keys(values),
    values,
    previous: {},
    ...extra,
  };
}

const held = {
  id: 'p1',
  version: 3,
  name: 'Ada',
  tags: ['a'],
  amount: { amount: 5, currency: 'EUR', __typename: 'Money' },
  owner: { id: 'u1', name: 'Uma' },
  updatedAt: '2026-04-01T00:00:00.000Z',
  updatedBy: { id: 'u1', name: 'Uma' },
  company: { id: 'c1', name: 'Acme' },
  partners: [{ id: 'c2', name: 'Beta' }],
};

function apiContext(): MergeContext {
  const labels = new LabelBook();
  labels.learnFrom(person, objects, [held]);
  labels.learnMember({ id: 'u2', name: 'Vic' });
  return { object: person, objects, shape: 'api', labels };
}

describe('mergeChange', () => {
  it('writes pushed values over the held ones, with the new version, time and author', () => {
    const merged = mergeChange(held, change({ name: 'Ada L.', tags: ['b', 'c'] }), apiContext());
    expect(merged).toEqual({
      ...held,
      version: 4,
      name: 'Ada L.',
      tags: ['b', 'c'],
      updatedAt: '2026-05-01T10:00:00.000Z',
      updatedBy: { id: 'u2', name: 'Vic' },
    });
    expect(held.name).toBe('Ada');
  });

  it('names pushed member and relation ids from what the view already shows', () => {
    const context = apiContext();
    const push = change({ owner: 'u2', company: 'c2', partners: ['c1', 'c2'] });
    expect(hasMissing(missingLabels(push, context))).toBe(false);
    const merged = mergeChange(held, push, context);
    expect(merged.owner).toEqual({ id: 'u2', name: 'Vic' });
    expect(merged.company).toEqual({ id: 'c2', name: 'Beta' });
    expect(merged.partners).toEqual([
      { id: 'c1', name: 'Acme' },
      { id: 'c2', name: 'Beta' },
    ]);
  });

  it('lists only the names it lacks, per related object, and clears a relation without any', () => {
    const context = apiContext();
    const missing = missingLabels(change({ company: 'c9', partners: ['c1', 'c8'], owner: 'u7' }), context);
    expect(missing.members).toEqual(['u7']);
    expect([...missing.records].map(([target, ids]) => [target.key, ids])).toEqual([
      ['company', ['c9', 'c8']],
    ]);
    const cleared = mergeChange(held, change({ company: null, partners: [] }), context);
    expect(cleared.company).toBeNull();
    expect(cleared.partners).toEqual([]);
  });

  it('keeps ids in the row shape a board holds, and needs no names', () => {
    const row = { id: 'p1', version: 3, company: 'c1', stage: 'lead', rank: 'a0' };
    const context: MergeContext = { object: person, objects, shape: 'row', labels: new LabelBook() };
    const push = change({ company: 'c9', stage: 'won', rank: 'a5' });
    expect(hasMissing(missingLabels(push, context))).toBe(false);
    expect(mergeChange(row, push, context)).toMatchObject({
      company: 'c9',
      stage: 'won',
      rank: 'a5',
      version: 4,
    });
  });

  it('skips a change already applied (the writer’s own, answered by its mutation) and asks to re-read after a gap', () => {
    expect(isApplied({ ...held, version: 4 }, change({ name: 'x' }))).toBe(true);
    expect(isApplied(held, change({ name: 'x' }))).toBe(false);
    expect(canMerge(held, change({ name: 'x' }))).toBe(true);
    expect(canMerge(held, change({ name: 'x' }, { version: 5 }))).toBe(false);
    expect(canMerge(held, change({}, { kind: 'restore' }))).toBe(false);
  });

  it('builds a created record from its creation event, the fields not written left empty', () => {
    const context = apiContext();
    const created = recordFromCreate(
      change({ name: 'Bo', company: 'c1' }, { kind: 'create', version: 1, recordId: 'p2' }),
      context,
    );
    expect(created).toMatchObject({
      id: 'p2',
      version: 1,
      name: 'Bo',
      tags: [],
      amount: null,
      company: { id: 'c1', name: 'Acme' },
      partners: [],
      createdAt: '2026-05-01T10:00:00.000Z',
      updatedBy: { id: 'u2', name: 'Vic' },
    });
  });
});
