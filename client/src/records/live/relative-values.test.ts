import { describe, expect, it } from 'vitest';
import { fieldOf, objectOf } from '../testing-metadata';
import { matchesFilter, valuesOf } from './local-view';
import { absoluteFilter } from './relative-values';

const task = objectOf('task', 'tasks', [
  fieldOf('name', 'TEXT'),
  fieldOf('assignee', 'USER'),
  fieldOf('dueAt', 'DATETIME'),
  fieldOf('dueOn', 'DATE'),
]);
const me = '30000000-0000-4000-8000-000000000001';
// 23:30 on 3 December in UTC is already the 4th in Auckland.
const reader = { userId: me, timeZone: 'Pacific/Auckland', now: new Date('2026-12-03T23:30:00Z') };

describe('absoluteFilter', () => {
  it('turns isMe into the reader’s id and within into the bounds of the reader’s day', () => {
    expect(
      absoluteFilter(
        task,
        { assignee: { isMe: true }, dueOn: { within: { period: 'TODAY' } }, name: { contains: 'a' } },
        reader,
      ),
    ).toEqual({
      name: { contains: 'a' },
      and: [{ assignee: { eq: me } }, { dueOn: { gte: '2026-12-04', lt: '2026-12-05' } }],
    });
    expect(
      absoluteFilter(
        task,
        { or: [{ dueAt: { within: { period: 'OVERDUE' } }, assignee: { isMe: false } }] },
        reader,
      ),
    ).toEqual({
      or: [{ and: [{ dueAt: { lt: '2026-12-03T23:30:00.000Z' } }, { assignee: { neq: me } }] }],
    });
  });

  it('keeps other operators on the same field and leaves what it cannot read to the server', () => {
    expect(absoluteFilter(task, { dueOn: { within: { nextDays: 2 }, isEmpty: false } }, reader)).toEqual({
      dueOn: { isEmpty: false },
      and: [{ dueOn: { gte: '2026-12-04', lt: '2026-12-07' } }],
    });
    const unknown = { name: { within: { period: 'TODAY' } } };
    expect(absoluteFilter(task, unknown, reader)).toBe(unknown);
    const relative = { assignee: { isMe: true } };
    expect(absoluteFilter(task, relative, null)).toBe(relative);
  });

  it('lets a live view decide a pushed record for the reader', () => {
    const filter = absoluteFilter(
      task,
      { assignee: { isMe: true }, dueAt: { within: { period: 'TODAY' } } },
      reader,
    );
    const record = (assignee: string, dueAt: string) =>
      valuesOf(task, { id: 't', version: 1, assignee: { id: assignee, name: 'X' }, dueAt });
    expect(matchesFilter(task, filter, record(me, '2026-12-04T09:00:00.000Z'))).toBe(true);
    expect(matchesFilter(task, filter, record(me, '2026-12-03T09:00:00.000Z'))).toBe(false);
    expect(matchesFilter(task, filter, record('someone', '2026-12-04T09:00:00.000Z'))).toBe(false);
  });
});
