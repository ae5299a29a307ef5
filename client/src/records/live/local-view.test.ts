import { describe, expect, it } from 'vitest';
import { fieldOf, objectOf } from '../testing-metadata';
import { compareBySort, matchesFilter, sortedIndex, valuesOf } from './local-view';

const deal = objectOf('deal', 'deals', [
  fieldOf('name', 'TEXT'),
  fieldOf('email', 'EMAIL'),
  fieldOf('amount', 'CURRENCY'),
  fieldOf('size', 'NUMBER'),
  fieldOf('closeAt', 'DATETIME'),
  fieldOf('day', 'DATE'),
  fieldOf('stage', 'STAGE'),
  fieldOf('tags', 'MULTI_SELECT'),
  fieldOf('owner', 'USER'),
  fieldOf('company', 'RELATION', {
    relation: { kind: 'MANY_TO_ONE', targetObjectKey: 'company', inverseFieldKey: null },
  }),
]);

const record = {
  id: 'd1',
  version: 1,
  name: 'Big Boat',
  email: 'sales@acme.test',
  amount: { amount: 1500, currency: 'EUR' },
  size: 3,
  closeAt: '2026-05-01T10:00:00.000Z',
  day: '2026-05-01',
  stage: 'won',
  tags: ['hot', 'vip'],
  owner: { id: 'u1', name: 'Uma' },
  company: { id: 'c1', name: 'Acme' },
};
const matches = (filter: unknown) => matchesFilter(deal, filter, valuesOf(deal, record));

describe('matchesFilter', () => {
  it('leaves relative values to the server, which knows the reader and their time zone', () => {
    expect(matches({ owner: { isMe: true } })).toBeNull();
    expect(matches({ closeAt: { within: { period: 'TODAY' } } })).toBeNull();
    // What is decided here still decides: a failing part settles the whole filter.
    expect(matches({ and: [{ owner: { isMe: true } }, { size: { gt: 5 } }] })).toBe(false);
  });

  it('compares text case-insensitively for contains and startsWith, exactly for eq', () => {
    expect(matches({ name: { contains: 'boat' } })).toBe(true);
    expect(matches({ name: { startsWith: 'boat' } })).toBe(false);
    expect(matches({ name: { eq: 'big boat' } })).toBe(false);
    expect(matches({ email: { eq: 'SALES@acme.test' } })).toBe(true);
  });

  it('compares numbers, amounts, dates and instants', () => {
    expect(matches({ amount: { gte: 1000 } })).toBe(true);
    expect(matches({ amount: { gte: { amount: 1000, currency: 'USD' } } })).toBe(false);
    expect(matches({ size: { lt: 3 } })).toBe(false);
    expect(matches({ day: { gte: '2026-04-27', lt: '2026-06-08' } })).toBe(true);
    expect(matches({ closeAt: { lt: '2026-05-01T09:00:00.000Z' } })).toBe(false);
  });

  it('treats empty values as the API does: neq and notIn keep them, comparisons drop them', () => {
    const empty = { id: 'd2', version: 1, size: null, stage: null, name: '' };
    const on = (filter: unknown) => matchesFilter(deal, filter, valuesOf(deal, empty));
    expect(on({ stage: { neq: 'won' } })).toBe(true);
    expect(on({ stage: { notIn: ['won'] } })).toBe(true);
    expect(on({ size: { gt: 0 } })).toBe(false);
    expect(on({ name: { isEmpty: true } })).toBe(true);
    expect(on({ name: { eq: '' } })).toBe(true);
  });

  it('joins with and, or and not, and matches members and relations by id', () => {
    expect(matches({ or: [{ stage: { eq: 'lost' } }, { tags: { contains: ['vip'] } }] })).toBe(true);
    expect(matches({ and: [{ stage: { in: ['won'] } }, { owner: { eq: 'u2' } }] })).toBe(false);
    expect(matches({ not: { company: { eq: 'c1' } } })).toBe(false);
    expect(matches({ tags: { in: ['cold', 'hot'] } })).toBe(true);
  });

  it('leaves to the server what it cannot decide: a related record’s fields, a field it lacks', () => {
    expect(matches({ company: { is: { name: { contains: 'Ac' } } } })).toBeNull();
    expect(matchesFilter(deal, { size: { gt: 1 } }, () => undefined)).toBeNull();
    expect(
      matches({ and: [{ stage: { eq: 'lost' } }, { company: { is: { name: { contains: 'A' } } } }] }),
    ).toBe(false);
  });
});

describe('sort', () => {
  const rows = [
    { id: 'a', version: 1, size: 1 },
    { id: 'b', version: 1, size: 5 },
    { id: 'c', version: 1, size: null },
  ];
  it('places a record by the sort, empty values last, ties by id', () => {
    const asc = [{ field: 'size', direction: 'ASC' as const }];
    expect(sortedIndex(deal, asc, rows, { id: 'x', version: 1, size: 3 })).toBe(1);
    expect(sortedIndex(deal, asc, rows, { id: 'x', version: 1, size: 9 })).toBe(2);
    expect(sortedIndex(deal, asc, rows, { id: '0', version: 1, size: 1 })).toBe(0);
    expect(compareBySort(deal, [{ field: 'size', direction: 'DESC' }], rows[0]!, rows[1]!)).toBeGreaterThan(
      0,
    );
  });

  it('cannot order by members or relations here', () => {
    expect(compareBySort(deal, [{ field: 'owner', direction: 'ASC' }], rows[0]!, rows[1]!)).toBeNull();
  });
});
