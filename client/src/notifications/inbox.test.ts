import { describe, expect, it } from 'vitest';
import { describeNotification, withAdded, withRead } from './inbox';
import type { Notification, NotificationPage } from './operations';

function notification(id: string, readAt: string | null = null): Notification {
  return {
    id,
    kind: 'REMINDER',
    object: 'task',
    recordId: `r-${id}`,
    label: `Task ${id}`,
    dueAt: null,
    late: false,
    actorName: null,
    excerpt: '',
    createdAt: '2026-12-03T09:00:00.000Z',
    readAt,
  };
}

const page: NotificationPage = {
  nodes: [notification('b'), notification('a', '2026-12-03T08:00:00.000Z')],
  hasNextPage: false,
  endCursor: 'x',
  unreadCount: 3,
};

describe('the inbox in the cache', () => {
  it('puts a pushed notification on top and counts it once', () => {
    const once = withAdded(page, notification('c'));
    expect(once.nodes.map((n) => n.id)).toEqual(['c', 'b', 'a']);
    expect(once.unreadCount).toBe(4);
    expect(withAdded(once, notification('c'))).toBe(once);
  });

  it('marks some or all read', () => {
    const some = withRead(page, ['b', 'a'], 'now');
    expect(some.nodes.map((n) => n.readAt)).toEqual(['now', '2026-12-03T08:00:00.000Z']);
    expect(some.unreadCount).toBe(2);
    expect(withRead(page, null, 'now').unreadCount).toBe(0);
  });
});

describe('the wording of a notification', () => {
  const time = () => '3 Dec, 09:00';
  it('names who did what', () => {
    const by = { ...notification('m'), actorName: 'Ann', excerpt: 'hi @Bo' };
    expect(describeNotification({ ...by, kind: 'MENTION' }, time)).toBe('Ann mentioned you: “hi @Bo”');
    expect(describeNotification({ ...by, kind: 'COMMENT' }, time)).toBe('Ann commented: “hi @Bo”');
    expect(describeNotification({ ...by, kind: 'ASSIGNMENT', excerpt: 'Owner' }, time)).toBe(
      'Ann made you its owner',
    );
    const rule = { ...notification('a'), kind: 'AUTOMATION' as const, excerpt: 'Call Ann back today' };
    expect(describeNotification(rule, time)).toBe('Call Ann back today');
    const due = { ...notification('r'), dueAt: '2026-12-03T09:00:00Z', late: true };
    expect(describeNotification(due, time)).toBe('Reminder, due 3 Dec, 09:00 (late)');
  });
});
